package org.cancerplan.patient;

import org.cancerplan.support.IdentityProviders;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The store contract on a real MongoDB replica set (Testcontainers); skipped where there
 * is no Docker engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Testcontainers(disabledWithoutDocker = true)
class MongoDbPatientTest extends PatientStoreContract {

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:8.0");

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        IdentityProviders.serviceSettings().forEach((name, value) -> registry.add(name, () -> value));
    }

}
