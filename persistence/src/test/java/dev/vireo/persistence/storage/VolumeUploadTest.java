package dev.vireo.persistence.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class VolumeUploadTest {

    private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void countsChunksUntilTheLastByte() {
        VolumeUpload upload = new VolumeUpload("default", "disk.img", 10, START);

        upload.advance(4, START.plusSeconds(1));
        assertThat(upload.getWrittenBytes()).isEqualTo(4);
        assertThat(upload.isComplete()).isFalse();
        upload.advance(6, START.plusSeconds(2));
        assertThat(upload.isComplete()).isTrue();
        assertThat(upload.getUpdated()).isEqualTo(START.plusSeconds(2));
    }

    @Test
    void aChunkPastTheEndOrEmptyIsABug() {
        VolumeUpload upload = new VolumeUpload("default", "disk.img", 10, START);
        upload.advance(8, START);

        assertThatIllegalArgumentException().isThrownBy(() -> upload.advance(3, START));
        assertThatIllegalArgumentException().isThrownBy(() -> upload.advance(0, START));
        assertThat(upload.getWrittenBytes()).isEqualTo(8);
        assertThatIllegalArgumentException().isThrownBy(() -> new VolumeUpload("default", "empty", 0, START));
    }

    @Test
    void aDownloadKeepsWhereItComesFromAndIsMarkedWhenCutShort() {
        VolumeUpload upload = new VolumeUpload("default", "disk.img", 10, START);
        VolumeUpload download = VolumeUpload.download("default", "image.iso", "https://example.org/image.iso", 10, START, "node-1");

        assertThat(upload.isDownload()).isFalse();
        assertThat(download.isDownload()).isTrue();
        assertThat(download.getUrl()).isEqualTo("https://example.org/image.iso");
        assertThat(download.isInterrupted()).isFalse();
        download.interrupt(START.plusSeconds(5));
        assertThat(download.isInterrupted()).isTrue();
        assertThat(download.getUpdated()).isEqualTo(START.plusSeconds(5));
    }

    @Test
    void aDownloadsUrlIsShortenedToItsColumn() {
        String url = "https://example.org/" + "a".repeat(VolumeUpload.URL_LENGTH);

        String kept = VolumeUpload.download("default", "a.img", url, 10, START, "node-1").getUrl();

        assertThat(kept).hasSize(VolumeUpload.URL_LENGTH).startsWith("https://example.org/aaa").endsWith("…");
    }
}
