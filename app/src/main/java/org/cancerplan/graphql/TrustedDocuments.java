package org.cancerplan.graphql;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.cancerplan.security.Caller;
import org.cancerplan.security.CallerKind;
import org.cancerplan.shared.Sha256;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations our own clients send, by SHA-256 of their text: the persisted-query
 * manifest generated at build time from {@code ../shared/contract/patient-app} and
 * {@code schema/src/main/client}. In the mode
 * {@code cancerplan.graphql.trusted-documents} chooses, callers may run only these; any
 * caller may send a hash alone.
 */
@Component
class TrustedDocuments {

    static final String MANIFEST = "graphql-client/persisted-query-manifest.json";

    /** Who must send trusted documents. */
    enum Mode {

        OFF, PATIENTS, ALL

    }

    private final Mode mode;

    private final Map<String, String> bodiesByHash = new HashMap<>();

    TrustedDocuments(JsonMapper json, TrustedDocumentSettings settings) throws IOException {
        this.mode = settings.trustedDocuments();
        ClassPathResource manifest = new ClassPathResource(MANIFEST);
        if (!manifest.exists()) {
            throw new IllegalStateException(MANIFEST + " is missing from the build: rebuild with ./mvnw package");
        }
        try (InputStream in = manifest.getInputStream()) {
            for (JsonNode operation : json.readTree(in).path("operations")) {
                bodiesByHash.put(operation.path("id").asString(), operation.path("body").asString());
            }
        }
    }

    boolean appliesTo(Caller caller) {
        return switch (mode) {
            case OFF -> false;
            case PATIENTS -> caller != null && caller.is(CallerKind.PATIENT);
            case ALL -> true;
        };
    }

    Optional<String> body(String sha256) {
        return Optional.ofNullable(bodiesByHash.get(sha256));
    }

    boolean isTrusted(String document) {
        return bodiesByHash.containsKey(sha256(document));
    }

    static String sha256(String document) {
        return Sha256.hex(document);
    }

}
