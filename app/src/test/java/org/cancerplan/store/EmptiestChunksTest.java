package org.cancerplan.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.h2.mvstore.SFChunk;
import org.junit.jupiter.api.Test;

/** Which chunks a compaction round rewrites ({@link FileCompaction#emptiestChunks}). */
class EmptiestChunksTest {

    private static final long MB = 1 << 20;

    private static final long NOW = 100;

    private final CountingFileStore file = new CountingFileStore();

    private final SFChunk tenPercent = chunk(1, 10 * MB, MB);

    private final SFChunk twentyPercent = chunk(2, 5 * MB, MB);

    private final SFChunk thirtyPercent = chunk(3, 10 * MB, 3 * MB);

    private final SFChunk half = chunk(4, 2 * MB, MB);

    @Test
    void theEmptiestBelowTheTargetFirstAsManyAsARoundHolds() {
        List<SFChunk> all = List.of(half, thirtyPercent, twentyPercent, tenPercent);

        assertThat(FileCompaction.emptiestChunks(all, NOW, 8 * MB, (int) (4 * MB), Set.of()))
            .containsExactly(tenPercent, twentyPercent);
        assertThat(FileCompaction.emptiestChunks(all, NOW, 8 * MB, (int) (8 * MB), Set.of()))
            .as("never one at or above the target fill rate")
            .containsExactly(tenPercent, twentyPercent, thirtyPercent);
    }

    @Test
    void aChunkWithMoreLiveBytesThanARoundIsTakenAloneOnceAsMuchIsOwed() {
        SFChunk large = chunk(5, 120 * MB, 6 * MB);
        List<SFChunk> all = List.of(twentyPercent, large);

        assertThat(FileCompaction.emptiestChunks(all, NOW, 8 * MB, (int) (4 * MB), Set.of())).containsExactly(large);
        assertThat(FileCompaction.emptiestChunks(all, NOW, 5 * MB, (int) (4 * MB), Set.of()))
            .as("less owed than its rewrite costs: wait")
            .isEmpty();
    }

    @Test
    void unmovableChunksAndTheNewestTwoCommitsAreLeftOut() {
        SFChunk newest = chunk(6, 10 * MB, MB / 2);
        newest.version = NOW - 1;
        List<SFChunk> all = List.of(newest, tenPercent, twentyPercent);

        assertThat(FileCompaction.emptiestChunks(all, NOW, 8 * MB, (int) (4 * MB), Set.of(tenPercent.id)))
            .containsExactly(twentyPercent);
    }

    private SFChunk chunk(int id, long bytes, long live) {
        SFChunk chunk = file.createChunk("chunk:" + Integer.toHexString(id) + ",version:1");
        chunk.maxLen = bytes;
        chunk.maxLenLive = live;
        return chunk;
    }

}
