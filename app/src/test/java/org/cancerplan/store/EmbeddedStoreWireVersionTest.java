package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.connection.ServerDescription;
import org.bson.Document;
import org.cancerplan.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The MongoDB driver refuses a server whose newest wire protocol is older than the
 * driver's oldest. The embedded server (mongo-java-server) reports a fixed one, so a
 * driver upgrade (often arriving with a Spring Boot upgrade) can stop the service on its
 * embedded store; this says so at build time instead.
 */
class EmbeddedStoreWireVersionTest extends ApiTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void theDriverStillSpeaksTheEmbeddedServersWireProtocol() {
        Document handshake = mongo.executeCommand(new Document("isMaster", 1));
        int serverMaximum = handshake.getInteger("maxWireVersion");
        int driverMinimum = ServerDescription.getDefaultMinWireVersion();

        assertThat(serverMaximum)
            .as("The MongoDB driver needs wire version %d or later, but the embedded store (mongo-java-server) "
                    + "speaks at most %d: keep the driver at a version that supports it (mongodb.version in the "
                    + "parent pom) or upgrade mongo-java-server", driverMinimum, serverMaximum)
            .isGreaterThanOrEqualTo(driverMinimum);
    }

}
