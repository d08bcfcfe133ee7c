package org.cancerplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.cancerplan.patient.PatientRegistration;
import org.cancerplan.patient.PatientService;
import org.cancerplan.security.Caller;
import org.cancerplan.security.MissingSettingException;
import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** How the service starts, or refuses to, in its production-like mode. */
class StartupRulesTest {

    @TempDir
    Path store;

    @Test
    void withoutAnyIssuerTheServiceRefusesToStartAndNamesTheSettings() {
        Map<String, Object> settings = new HashMap<>(base());
        settings.put("cancerplan.security.audience", "cancerplan-api");

        assertThatThrownBy(() -> start(settings)).rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("cancerplan.security.patient.issuer-uri")
            .hasMessageContaining("cancerplan.security.integration.issuer-uri");
    }

    @Test
    void withoutAnAudienceTheServiceRefusesToStart() {
        Map<String, Object> settings = new HashMap<>(base());
        settings.put("cancerplan.security.staff.issuer-uri", IdentityProviders.issuerUrl(IdentityProviders.STAFF));

        assertThatThrownBy(() -> start(settings)).rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("cancerplan.security.audience");
    }

    @Test
    void withoutAMongoDbUriOrTheEmbeddedStoreChosenTheServiceRefusesToStartAndNamesBothSettings() {
        Map<String, Object> settings = new HashMap<>(base());
        settings.putAll(IdentityProviders.serviceSettings());
        settings.remove("cancerplan.store.embedded");

        assertThatThrownBy(() -> start(settings)).rootCause()
            .isInstanceOf(MissingSettingException.class)
            .hasMessageContaining("spring.mongodb.uri")
            .hasMessageContaining("cancerplan.store.embedded=true")
            .extracting(failure -> ((MissingSettingException) failure).setting())
            .isEqualTo("spring.mongodb.uri or cancerplan.store.embedded=true");
        assertThat(store).as("no store file is made").isEmptyDirectory();
    }

    @Test
    void withAMongoDbUriTheServiceUsesItAndStartsNoEmbeddedStore() {
        MongoServer external = new MongoServer(new MemoryBackend());
        String uri = external.bindAndGetConnectionString();
        Map<String, Object> settings = new HashMap<>(base());
        settings.putAll(IdentityProviders.serviceSettings());
        settings.put("spring.mongodb.uri", uri + "/external");
        try (ConfigurableApplicationContext context = start(settings); MongoClient client = MongoClients.create(uri)) {
            assertThat(context.getBeansOfType(EmbeddedStore.class)).isEmpty();
            assertThat(context.containsBean("expirySweeper")).as("MongoDB expires documents itself").isFalse();
            context.getBean(PatientService.class)
                .register(Caller.support("test"), List.of(new PatientRegistration("9434765919", "Alex", "Jones",
                        LocalDate.of(1961, 4, 12), null, null, null)), null);

            assertThat(client.getDatabase("external")
                .getCollection("patients")
                .countDocuments(new Document("nhsNumber", "9434765919"))).isEqualTo(1);
        }
        finally {
            external.shutdownNow();
        }
    }

    private Map<String, Object> base() {
        return Map.of("cancerplan.store.path", store.toString(), "cancerplan.store.embedded", "true", "server.port",
                "0");
    }

    /**
     * The settings as command-line arguments, so that they override application.yml as an
     * operator's do.
     */
    private static ConfigurableApplicationContext start(Map<String, Object> settings) {
        return new SpringApplicationBuilder(CancerPlanApplication.class).web(WebApplicationType.SERVLET)
            .run(settings.entrySet()
                .stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
    }

}
