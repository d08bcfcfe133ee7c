package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class SecondaryIndexDurabilityTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(StoreDurability.class)
    void documentsAndTheirIndexEntriesAgreeAfterKillMinusNineDuringAStreamOfWrites(StoreDurability durability)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName(), directory.toString(), StoreWriterProcess.STREAM, durability.name())
            .redirectErrorStream(true)
            .start();
        int acknowledged = 0;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            int killAfter = 300 + new Random().nextInt(300);
            String line;
            while (acknowledged < killAfter && (line = output.readLine()) != null) {
                if (line.startsWith("WRITTEN")) {
                    acknowledged++;
                }
            }
        }
        finally {
            writer.destroyForcibly(); // SIGKILL while the writer goes on writing
            assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).as("writes the writer acknowledged").isGreaterThanOrEqualTo(300);

        try (EmbeddedStore store = EmbeddedStore.open(directory)) {
            MongoCollection<?> things = store.backend().resolveDatabase("cancerplan").resolveCollection("things", true);
            List<Document> documents = new ArrayList<>();
            things.queryAll().forEach(documents::add);
            assertThat(documents).hasSizeGreaterThanOrEqualTo(200);
            List<SecondaryIndex> indexes = things.getIndexes()
                .stream()
                .filter(SecondaryIndex.class::isInstance)
                .map(SecondaryIndex.class::cast)
                .toList();
            assertThat(indexes).hasSize(2);
            for (SecondaryIndex index : indexes) {
                String key = index.getKeys().get(0).getKey();
                long entries = 0;
                for (Document document : documents) {
                    Object values = document.get(key);
                    for (Object value : values instanceof List<?> list ? list : List.of(values)) {
                        assertThat(index.getPositions(new Document(key, value))).as(index + " finds " + document)
                            .contains(document.get("_id"));
                    }
                    entries += index.tuplesOf(document).size();
                }
                assertThat(index.getCount()).as(index + ": one entry per key tuple, nothing extra").isEqualTo(entries);
            }
        }
    }

}
