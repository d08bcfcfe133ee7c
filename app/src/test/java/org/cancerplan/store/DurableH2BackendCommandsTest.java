package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

class DurableH2BackendCommandsTest {

    @Test
    void onlyCommandsThatMayChangeDataWaitForACommit() {
        assertThat(DurableH2Backend.changesData("find", new Document())).isFalse();
        assertThat(DurableH2Backend.changesData("getMore", new Document())).isFalse();
        assertThat(DurableH2Backend.changesData("ismaster", new Document())).isFalse();
        assertThat(DurableH2Backend.changesData("aggregate",
                new Document("pipeline", List.of(new Document("$match", new Document())))))
            .isFalse();
        assertThat(DurableH2Backend.changesData("aggregate",
                new Document("pipeline", List.of(new Document("$out", "copy")))))
            .isTrue();
        assertThat(DurableH2Backend.changesData("aggregate",
                new Document("pipeline", List.of(new Document("$merge", "copy")))))
            .isTrue();
        assertThat(DurableH2Backend.changesData("insert", new Document())).isTrue();
        assertThat(DurableH2Backend.changesData("findAndModify", new Document())).isTrue();
        assertThat(DurableH2Backend.changesData("createIndexes", new Document())).isTrue();
    }

}
