package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The rule for one chunk of an upload, and the spool that checks its real length. */
class ChunksTest {

    @Test
    void aChunkFitsWhenItEndsAtOrBeforeTheEnd() {
        assertThat(Chunks.require("v", 10L, 0, 10)).isEqualTo(10);
        assertThat(Chunks.require("v", 4L, 6, 10)).isEqualTo(4);
    }

    @Test
    void refusesMissingEmptyTooLargeAndPastTheEnd() {
        assertCode(() -> Chunks.require("v", null, 0, 10), "API0010E");
        assertCode(() -> Chunks.require("v", 0L, 0, 10), "STG0014E");
        assertCode(() -> Chunks.require("v", 5L, 6, 10), "STG0014E");
        assertCode(() -> Chunks.require("v", Chunks.MAX_BYTES + 1, 0, Long.MAX_VALUE), "STG0016E");
    }

    @Test
    void theSpoolKeepsAChunkOfTheAnnouncedLength() throws IOException {
        byte[] data = new byte[200_000];
        data[199_999] = 7;
        try (ChunkSpool spool = ChunkSpool.copy(new ByteArrayInputStream(data), data.length, "v");
             InputStream copy = spool.open()) {
            assertThat(copy.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void theSpoolRefusesAChunkShorterOrLongerThanAnnounced() {
        assertCode(() -> ChunkSpool.copy(new ByteArrayInputStream(new byte[99]), 100, "v"), "STG0014E");
        assertCode(() -> ChunkSpool.copy(new ByteArrayInputStream(new byte[101]), 100, "v"), "STG0014E");
        assertThatThrownBy(() -> ChunkSpool.copy(new ByteArrayInputStream(new byte[101]), 100, "v"))
                .hasMessageContaining("has more");
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOf(VireoException.class)
                .satisfies(e -> assertThat(((VireoException) e).code()).isEqualTo(code));
    }
}
