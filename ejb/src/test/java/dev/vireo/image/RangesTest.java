package dev.vireo.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void aDownloadRangeIsResolvedWithinTheContent() {
        assertThat(ByteRange.parse("bytes=0-99").orElseThrow().within("i", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-").orElseThrow().within("i", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=900-5000").orElseThrow().within("i", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-10").orElseThrow().within("i", 1000)).isEqualTo(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=-5000").orElseThrow().within("i", 1000)).isEqualTo(new ByteRange(0, 999));
    }

    @Test
    void aRangeHeaderVireoDoesNotReadIsIgnoredAndOneOutsideTheContentIsRefused() {
        assertThat(ByteRange.parse(null)).isEmpty();
        assertThat(ByteRange.parse("bytes=5-1")).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6")).isEmpty();
        assertThat(ByteRange.parse("items=0-1")).isEqualTo(Optional.empty());
        assertThat(ByteRange.parse("bytes=-")).isEmpty();
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-").orElseThrow().within("i", 1000))
                .isInstanceOfSatisfying(VireoException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.IMAGE_RANGE_NOT_SATISFIABLE));
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0").orElseThrow().within("i", 1000))
                .isInstanceOf(VireoException.class);
    }

    @Test
    void aChunkIsARangeWithinItsTotalOfTheBodysLength() {
        assertThat(ChunkRange.of("i", "bytes 0-9/100", 10)).isEqualTo(new ChunkRange(0, 9, 100));
        assertThat(ChunkRange.of("i", "bytes 90-99/100", -1).isLast()).isTrue();
        assertThat(ChunkRange.of("i", null, 42)).isEqualTo(new ChunkRange(0, 41, 42));
        for (String bad : new String[] {"bytes 0-9", "bytes 9-0/100", "bytes 0-100/100", "bytes */100", "0-9/100"}) {
            assertThatThrownBy(() -> ChunkRange.of("i", bad, -1)).as(bad).isInstanceOfSatisfying(VireoException.class,
                    e -> assertThat(e.error()).isEqualTo(ErrorCode.IMAGE_CHUNK_INVALID));
        }
        assertThatThrownBy(() -> ChunkRange.of("i", "bytes 0-9/100", 5)).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> ChunkRange.of("i", null, -1)).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> ChunkRange.of("i", "bytes 0-" + (9L << 20) + "/" + (10L << 20), -1))
                .isInstanceOfSatisfying(VireoException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.IMAGE_CHUNK_TOO_LARGE));
    }
}
