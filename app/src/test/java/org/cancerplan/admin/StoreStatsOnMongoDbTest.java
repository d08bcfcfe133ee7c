package org.cancerplan.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code store stats} pointed at a MongoDB (here a wire-protocol server in memory): what
 * collStats and dbStats give, or the counts and why there are no sizes when the server
 * refuses them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "cancerplan.admin.interactive=false", "cancerplan.admin.operator=jsmith" })
@ActiveProfiles("admin")
class StoreStatsOnMongoDbTest {

    private static final AtomicBoolean refuseStats = new AtomicBoolean();

    private static final MongoServer mongoDb = new MongoServer(new MemoryBackend() {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if (refuseStats.get() && command.endsWith("Stats")) {
                throw new MongoServerError(13, "Unauthorized", "not authorized on cancerplan to execute " + command);
            }
            return super.handleCommand(channel, database, command, query);
        }
    });

    @Autowired
    AdminRunner runner;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        String uri = mongoDb.bindAndGetConnectionString();
        registry.add("spring.mongodb.uri", () -> uri + "/cancerplan");
    }

    @AfterEach
    void allowStats() {
        refuseStats.set(false);
    }

    @AfterAll
    static void stop() {
        mongoDb.shutdownNow();
    }

    @Test
    void storeStatsShowsWhatCollStatsAndDbStatsGive() {
        mongo.insert(new HashMap<>(Map.of("nhsNumber", "9434765919")), "patients");

        long patients = mongo.getCollection("patients").countDocuments();

        String out = storeStats();

        assertThat(out.lines())
            .anySatisfy(line -> assertThat(line)
                .matches("patients +" + patients + " documents  [0-9.]+ K?B data  .+ stored  .+ indexes"))
            .anySatisfy(line -> assertThat(line).matches("database: [0-9.]+ K?B data  .+"));
    }

    @Test
    void refusedStatsLeaveTheCountsAndALineSayingWhy() {
        mongo.insert(new HashMap<>(Map.of("nhsNumber", "9434765927")), "patients");
        refuseStats.set(true);

        String out = storeStats();

        assertThat(out.lines()).anySatisfy(line -> assertThat(line).matches("patients +[0-9]+ documents"))
            .anySatisfy(line -> assertThat(line).startsWith("Sizes need the embedded store or MongoDB's collStats")
                .contains("not authorized"));
    }

    private String storeStats() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = runner.execute(Arrays.asList("store", "stats"), new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

}
