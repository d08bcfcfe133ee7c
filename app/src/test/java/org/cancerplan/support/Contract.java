package org.cancerplan.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.core.io.FileSystemResource;
import org.springframework.graphql.support.DocumentSource;
import org.springframework.graphql.support.ResourceDocumentSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client operations of {@code shared/contract}, the API contract, read from beside
 * the project.
 */
public final class Contract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Contract() {
    }

    /**
     * The contract folder: {@code CANCERPLAN_CONTRACT} if set, else
     * {@code shared/contract} beside the project (tests run in {@code app/}).
     */
    public static Path folder() {
        String configured = System.getenv("CANCERPLAN_CONTRACT");
        List<Path> candidates = configured != null && !configured.isBlank() ? List.of(Path.of(configured))
                : List.of(Path.of("../../shared/contract"), Path.of("../shared/contract"));
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("The API contract is missing: expected ../shared/contract beside the project "
                + "or a folder named by CANCERPLAN_CONTRACT; looked at " + candidates);
    }

    public static List<Path> operations() {
        try (Stream<Path> files = Files.walk(folder())) {
            return files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operations as the GraphQL testers' documents:
     * {@code documentName("staff/CreatePlan")}.
     */
    public static DocumentSource documents() {
        return new ResourceDocumentSource(List.of(new FileSystemResource(folder() + "/")), List.of(".graphql"));
    }

    /**
     * An operation by its path under the contract folder, e.g.
     * {@code integration/RegisterPatients}.
     */
    public static String operation(String name) {
        return read(folder().resolve(name + ".graphql"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> variables(String name) {
        return JSON.readValue(read(folder().resolve(name + ".variables.json")), Map.class);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
