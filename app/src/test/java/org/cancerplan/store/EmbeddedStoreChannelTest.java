package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store lets in only clients that know its per-start password, which is in a
 * file of its owner's only: a client without it, or with a wrong one, reads nothing.
 */
class EmbeddedStoreChannelTest {

    @TempDir
    Path directory;

    EmbeddedStore store;

    @BeforeEach
    void openWithADocument() {
        store = EmbeddedStore.open(directory);
        try (MongoClient own = MongoClients.create(store.connectionString("cancerplan"))) {
            own.getDatabase("cancerplan").getCollection("patients").insertOne(new Document("_id", "9434765919"));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theStoresOwnClientReadsAndWrites() {
        try (MongoClient own = MongoClients.create(store.connectionString("cancerplan"))) {
            assertThat(own.getDatabase("cancerplan").getCollection("patients").countDocuments()).isOne();
        }
    }

    @Test
    void aClientWithoutThePasswordIsRefusedEveryCommandButHelloAndReadsNothing() {
        ConnectionString anonymous = new ConnectionString("mongodb://" + store.channel().address() + "/cancerplan");
        try (MongoClient other = MongoClients.create(anonymous)) {
            var database = other.getDatabase("cancerplan");

            assertThat(database.runCommand(new Document("ping", 1)).get("ok")).isIn(1, 1.0);
            assertThatThrownBy(() -> database.getCollection("patients").find().first()).isInstanceOfSatisfying(
                    MongoCommandException.class,
                    refused -> assertThat(refused.getErrorCodeName()).isEqualTo("Unauthorized"));
            assertThatThrownBy(() -> database.getCollection("patients").countDocuments()).isInstanceOfSatisfying(
                    MongoCommandException.class, refused -> assertThat(refused.getErrorCode()).isEqualTo(13));
            assertThatThrownBy(() -> database.getCollection("patients").deleteMany(new Document()))
                .isInstanceOf(MongoCommandException.class);
            assertThatThrownBy(() -> other.listDatabaseNames().first()).isInstanceOf(MongoCommandException.class);
        }
        try (MongoClient own = MongoClients.create(store.connectionString("cancerplan"))) {
            assertThat(own.getDatabase("cancerplan").getCollection("patients").countDocuments()).isOne();
        }
    }

    @Test
    void aWrongPasswordOrUserFailsAuthentication() {
        StoreChannel channel = store.channel();
        for (MongoCredential wrong : new MongoCredential[] {
                MongoCredential.createScramSha256Credential(StoreChannel.USER, "admin",
                        ("x" + channel.password()).toCharArray()),
                MongoCredential.createScramSha256Credential("root", "admin", channel.password().toCharArray()),
                MongoCredential.createScramSha1Credential(StoreChannel.USER, "admin",
                        channel.password().toCharArray()) }) {
            try (MongoClient other = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://" + channel.address()))
                .credential(wrong)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build())) {
                assertThatThrownBy(() -> other.getDatabase("cancerplan").getCollection("patients").find().first())
                    .as(wrong.toString())
                    .isInstanceOf(MongoSecurityException.class)
                    .hasStackTraceContaining("AuthenticationFailed");
            }
        }
    }

    @Test
    void theChannelFileIsItsOwnersOnlyAndGoesWithTheStore() throws Exception {
        Path file = directory.resolve(StoreChannel.FILE_NAME);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(StoreChannel.readFrom(directory)).isEqualTo(store.channel());
        assertThat(Files.readString(file)).contains(store.channel().password());

        String firstPassword = store.channel().password();
        store.close();
        assertThat(file).doesNotExist();
        store = EmbeddedStore.open(directory);
        assertThat(StoreChannel.readFrom(directory).password()).as("a new password each start")
            .isNotEqualTo(firstPassword)
            .hasSize(43);
    }

    @Test
    void aBackupIsItsOwnersOnlyWhereverItIsWritten(@TempDir Path elsewhere) throws Exception {
        Path zip = elsewhere.resolve("backup.zip");

        store.backupTo(zip);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-------");
    }

    @Test
    void aSecondProcessOnTheStoreIsToldItIsInUse() {
        assertThatThrownBy(() -> EmbeddedStore.open(directory)).isInstanceOf(EmbeddedStore.InUse.class)
            .hasMessageContaining("in use by another process");
    }

}
