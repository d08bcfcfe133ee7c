package org.cancerplan.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.ConnectionString;
import com.mongodb.WriteConcern;
import org.cancerplan.security.CallerKind;
import org.cancerplan.security.SecurityProperties;
import org.cancerplan.security.StaffRoles;
import org.cancerplan.shared.NhsNumber;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The deployment files in {@code ops/}, checked as far as they can be without a container
 * engine or a cluster: the settings they give bind to the service's own, the names they
 * use refer to each other, and they keep the rules (non-root, probes, no secret values).
 */
class DeploymentFilesTest {

    private static final Path OPS = Path.of("..", "ops");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)(:[-?][^}]*)?}");

    @Test
    void theImageRunsTheLayeredJarAsANonRootUserAndReportsReadiness() throws IOException {
        List<String> lines = Files.readAllLines(OPS.resolve("Dockerfile"));

        assertThat(lines)
            .anyMatch(line -> line.contains("-Djarmode=tools") && line.contains("extract --layers --launcher"));
        assertThat(lines.stream()
            .filter(line -> line.startsWith("COPY --from=build /layers/"))
            .map(line -> line.split("/")[2])).as("Spring Boot's layers, least often changed first")
            .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(lines).filteredOn(line -> line.startsWith("USER "))
            .singleElement()
            .satisfies(user -> assertThat(user).matches("USER [1-9][0-9]*:[1-9][0-9]*"));
        assertThat(String.join("\n", lines)).contains("GET /readyz").contains("JarLauncher");
    }

    @Test
    void composeStartsTheServiceOnAnInitiatedReplicaSetAndKeycloakAndItsSettingsBind() throws IOException {
        Map<String, Object> services = map(yaml(OPS.resolve("compose.yaml")).get(0), "services");
        List<String> members = List.of("mongo1", "mongo2", "mongo3");
        for (String member : members) {
            assertThat(list(map(services, member), "command")).containsSubsequence("--replSet", "rs0");
        }
        Map<String, Object> init = map(services, "mongo-init");
        assertThat(map(init, "depends_on")).containsOnlyKeys(members)
            .allSatisfy((name, condition) -> assertThat(condition).isEqualTo(Map.of("condition", "service_healthy")));
        String replicaSet = Files.readString(OPS.resolve("mongodb/replica-set.js"));
        assertThat(replicaSet).contains("_id: 'rs0'");
        for (String member : members) {
            assertThat(replicaSet).contains("'" + member + ":27017'");
        }

        Map<String, Object> service = map(services, "cancerplan");
        assertThat(map(service, "depends_on"))
            .isEqualTo(Map.of("mongo-init", Map.of("condition", "service_completed_successfully"), "keycloak",
                    Map.of("condition", "service_healthy")));
        Map<String, String> environment = strings(map(service, "environment"));
        ConnectionString uri = new ConnectionString(environment.get("SPRING_MONGODB_URI"));
        assertThat(uri.getHosts()).containsExactly("mongo1:27017", "mongo2:27017", "mongo3:27017");
        assertThat(uri.getRequiredReplicaSetName()).isEqualTo("rs0");
        assertThat(uri.getWriteConcern()).isEqualTo(WriteConcern.MAJORITY);

        SecurityProperties security = bind(environment);
        List<Object> keycloakCommand = list(map(services, "keycloak"), "command");
        assertThat(keycloakCommand).contains("--import-realm", "--http-port=8180", "--hostname=http://keycloak:8180");
        assertThat(List.of(security.patient().issuerUri(), security.staff().issuerUri(),
                security.integration().issuerUri()))
            .allSatisfy(issuer -> {
                assertThat(issuer.toString()).startsWith("http://keycloak:8180/realms/");
                assertThat(realm(issuer.getPath().substring("/realms/".length())).path("realm").asString())
                    .isEqualTo(issuer.getPath().substring("/realms/".length()));
            });
        assertThat(security.audience()).isEqualTo("cancerplan-api");
        Map<CallerKind, String> realms = Map.of(CallerKind.PATIENT, "cancerplan-patients", CallerKind.STAFF,
                "cancerplan-staff", CallerKind.INTEGRATION, "cancerplan-integrations");
        realms.forEach((kind, realm) -> realm(realm).path("clients")
            .forEach(client -> assertThat(client.path("protocolMappers").findValuesAsString("included.custom.audience"))
                .as(client.path("clientId").asString())
                .containsExactly(security.audienceOf(kind))));
        assertThat(security.audienceOf(CallerKind.PATIENT)).as("NHS login-style: the client id")
            .isEqualTo(realm("cancerplan-patients").path("clients").get(0).path("clientId").asString());
    }

    @Test
    void everySecretComesFromTheEnvironmentAndTheExampleNamesThemAll() throws IOException {
        Map<String, String> keycloakEnvironment = strings(
                map(map(map(yaml(OPS.resolve("compose.yaml")).get(0), "services"), "keycloak"), "environment"));
        Set<String> required = new HashSet<>();
        for (Path file : realmFiles()) {
            JsonNode realm = JSON.readTree(file.toFile());
            for (JsonNode value : realm.findValues("secret")) {
                assertThat(value.asString()).as("client secret in " + file).matches(PLACEHOLDER);
            }
            for (JsonNode credential : realm.findValues("credentials")) {
                credential.forEach(c -> assertThat(c.path("value").asString()).matches(PLACEHOLDER));
            }
            Matcher used = PLACEHOLDER.matcher(Files.readString(file));
            while (used.find()) {
                assertThat(keycloakEnvironment).as("compose passes " + used.group(1) + " to Keycloak")
                    .containsKey(used.group(1));
            }
        }
        Matcher fromEnvFile = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?")
            .matcher(Files.readString(OPS.resolve("compose.yaml")));
        while (fromEnvFile.find()) {
            required.add(fromEnvFile.group(1));
        }
        Set<String> example = new HashSet<>();
        for (String line : Files.readAllLines(OPS.resolve("compose.env.example"))) {
            if (line.contains("=") && !line.startsWith("#")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(example).containsAll(required);
        assertThat(Files.readString(Path.of("..", ".gitignore"))).contains("ops/.env");
    }

    @Test
    void theRealmsIssueTheClaimsTheServiceReadsInTheShapesNhsLoginAndCis2Use() throws IOException {
        JsonNode patients = realm("cancerplan-patients");
        JsonNode staff = realm("cancerplan-staff");
        JsonNode integrations = realm("cancerplan-integrations");

        assertThat(claims(patients)).contains("nhs_number", "identity_proofing_level", "vot");
        assertThat(patients.path("defaultSignatureAlgorithm").asString()).as("NHS login signs RS512")
            .isEqualTo("RS512");
        assertThat(claims(staff)).contains("nhsid_nrbac_roles", "selected_roleid");
        assertThat(staff.findValues("protocolMappers").get(0).findParents("claim.name"))
            .filteredOn(config -> config.path("claim.name").asString().equals("nhsid_nrbac_roles"))
            .singleElement()
            .satisfies(config -> assertThat(config.path("jsonType.label").asString()).isEqualTo("JSON"));
        assertThat(claims(integrations)).contains("client_id");
        patients.path("users").forEach(user -> {
            JsonNode attributes = user.path("attributes");
            NhsNumber.of(attributes.path("nhs_number").get(0).asString());
            assertThat(attributes.path("vot").get(0).asString())
                .startsWith(attributes.path("identity_proofing_level").get(0).asString() + ".");
        });
        Set<String> selectedJobRoles = new HashSet<>();
        staff.path("users").forEach(user -> {
            JsonNode roles = JSON.readTree(user.path("attributes").path("nhsid_nrbac_roles").get(0).asString());
            String selected = user.path("attributes").path("selected_roleid").get(0).asString();
            assertThat(roles.isArray()).isTrue();
            roles.forEach(role -> {
                assertThat(role.path("role_code").asString()).matches("S\\d{4}:G\\d{4}:R\\d{4}");
                assertThat(role.path("activity_codes").isArray()).isTrue();
                if (role.path("person_roleid").asString().equals(selected)) {
                    selectedJobRoles.add(StaffRoles.jobRole(role.path("role_code").asString()));
                }
            });
        });
        assertThat(selectedJobRoles).as("each user's selected_roleid names one of their roles")
            .hasSize(staff.path("users").size())
            .anyMatch(StaffRoles.DEFAULT_CLINICAL::contains)
            .anyMatch(StaffRoles.DEFAULT_ADMIN::contains);
        Set<String> scopes = new HashSet<>();
        integrations.path("clients")
            .forEach(client -> client.path("defaultClientScopes").forEach(scope -> scopes.add(scope.asString())));
        assertThat(scopes).containsExactlyInAnyOrder("patients:write", "invitations:write", "results:write",
                "reports:read", "fhir:read", "metrics:read");
    }

    @Test
    void kubernetesRunsNonRootWithProbesAndCommitsNoSecretValues() throws IOException {
        Path k8s = OPS.resolve("k8s");
        Map<String, Object> kustomization = yaml(k8s.resolve("kustomization.yaml")).get(0);
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        for (Object file : list(kustomization, "resources")) {
            for (Map<String, Object> resource : yaml(k8s.resolve((String) file))) {
                assertThat(byKind.put((String) resource.get("kind"), resource)).as("one " + resource.get("kind"))
                    .isNull();
            }
        }
        assertThat(byKind)
            .containsKeys("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy",
                    "ConfigMap")
            .doesNotContainKey("Secret");

        Map<String, Object> template = map(map(byKind.get("Deployment"), "spec"), "template");
        Map<String, Object> labels = map(map(template, "metadata"), "labels");
        Map<String, Object> pod = map(template, "spec");
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true);
        Map<String, Object> container = cast(list(pod, "containers").get(0));
        assertThat(map(container, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
            .containsEntry("allowPrivilegeEscalation", false);
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
        assertThat(map(map(container, "resources"), "limits")).containsKey("memory");
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/readyz");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/livez");

        assertThat(map(map(byKind.get("Service"), "spec"), "selector")).isEqualTo(labels);
        assertThat(map(map(map(byKind.get("PodDisruptionBudget"), "spec"), "selector"), "matchLabels"))
            .isEqualTo(labels);
        assertThat(map(map(map(byKind.get("NetworkPolicy"), "spec"), "podSelector"), "matchLabels")).isEqualTo(labels);
        assertThat(map(map(byKind.get("HorizontalPodAutoscaler"), "spec"), "scaleTargetRef"))
            .containsEntry("kind", "Deployment")
            .containsEntry("name", map(byKind.get("Deployment"), "metadata").get("name"));

        List<Object> envFrom = list(container, "envFrom");
        assertThat(envFrom).contains(
                Map.of("configMapRef", Map.of("name", map(byKind.get("ConfigMap"), "metadata").get("name"))),
                Map.of("secretRef", Map.of("name", "cancerplan-secrets")));
        SecurityProperties security = bind(strings(map(byKind.get("ConfigMap"), "data")));
        assertThat(List.of(CallerKind.PATIENT, CallerKind.STAFF, CallerKind.INTEGRATION))
            .allSatisfy(kind -> assertThat(security.audienceOf(kind)).isNotBlank());
        assertThat(security.audienceOf(CallerKind.PATIENT)).as("NHS login's aud is the relying party's client id")
            .isNotEqualTo(security.audience());
        assertThat(security.patient().issuerUri()).isNotNull();
        assertThat(security.staff().issuerUri()).isNotNull();
        assertThat(security.integration().issuerUri()).isNotNull();
        assertThat(security.staff().issuerUri().getHost()).as("the staff issuer is CIS2's")
            .endsWith("nhsidentity.spineservices.nhs.uk");
        assertThat(security.staff().rolesFrom()).as("CIS2 gives the roles in userinfo")
            .isEqualTo(SecurityProperties.RolesSource.USERINFO);
    }

    /**
     * Binds environment variables as the service would (relaxed binding of SPRING_...,
     * CANCERPLAN_...).
     */
    private static SecurityProperties bind(Map<String, String> environment) {
        StandardEnvironment spring = new StandardEnvironment();
        spring.getPropertySources()
            .replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, cast(environment)));
        return new Binder(ConfigurationPropertySources.get(spring))
            .bind("cancerplan.security", SecurityProperties.class)
            .get();
    }

    private static Set<String> claims(JsonNode realm) {
        Set<String> claims = new HashSet<>();
        realm.path("clients")
            .forEach(client -> claims.addAll(client.path("protocolMappers").findValuesAsString("claim.name")));
        return claims;
    }

    private static JsonNode realm(String name) {
        return JSON.readTree(OPS.resolve("keycloak").resolve(name + "-realm.json").toFile());
    }

    private static List<Path> realmFiles() throws IOException {
        try (var files = Files.list(OPS.resolve("keycloak"))) {
            return files.filter(file -> file.toString().endsWith("-realm.json")).sorted().toList();
        }
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml().loadAll(reader).forEach(document -> documents.add(cast(document)));
        }
        return documents;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return cast(parent.get(key));
    }

    private static List<Object> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return cast(parent.get(key));
    }

    private static Map<String, String> strings(Map<?, ?> map) {
        Map<String, String> strings = new HashMap<>();
        map.forEach((key, value) -> strings.put(String.valueOf(key), String.valueOf(value)));
        return strings;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

}
