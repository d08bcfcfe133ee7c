package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import org.junit.jupiter.api.Test;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which store the service takes, before any of it starts. */
class StoreChoiceTest {

    private static final ConnectionString ELSEWHERE = new ConnectionString(
            "mongodb://mongodb.example:27017/cancerplan");

    /**
     * As a test's {@code @ServiceConnection} container gives them: no URI is set, and no
     * embedded store starts.
     */
    @Test
    void connectionDetailsGivenWithoutAUriLeaveTheEmbeddedStoreOut() {
        new ApplicationContextRunner().withBean(MongoConnectionDetails.class, () -> () -> ELSEWHERE)
            .withUserConfiguration(EmbeddedStoreConfiguration.class)
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .doesNotHaveBean(EmbeddedStore.class)
                    .doesNotHaveBean(StoreChannel.class);
                assertThat(context.getBean(MongoConnectionDetails.class).getConnectionString()).isEqualTo(ELSEWHERE);
            });
    }

    /**
     * Without either, the embedded store's configuration takes over (and asks for its
     * settings).
     */
    @Test
    void withoutConnectionDetailsOrAUriTheEmbeddedStoreIsWanted() {
        new ApplicationContextRunner().withUserConfiguration(EmbeddedStoreConfiguration.class)
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .hasMessageContaining(StoreProperties.class.getName()));
    }

}
