package org.cancerplan.patient;

import java.nio.file.Path;

import org.cancerplan.store.EmbeddedStore;
import org.cancerplan.support.IdentityProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on the embedded wire-protocol server (H2 file backend), as the
 * service runs by default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EmbeddedStorePatientTest extends PatientStoreContract {

    @TempDir
    static Path store;

    @Autowired
    EmbeddedStore embeddedStore;

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("cancerplan.store.path", store::toString);
        registry.add("cancerplan.store.embedded", () -> "true");
    }

    @Test
    void theStoreIsTheFileUnderTheConfiguredPath() {
        assertThat(embeddedStore.file()).startsWith(store.toAbsolutePath()).exists();
    }

    @Test
    void theServiceDeletesTheEmbeddedStoresExpiredDocuments() {
        assertThat(context.containsBean("expirySweeper")).isTrue();
    }

}
