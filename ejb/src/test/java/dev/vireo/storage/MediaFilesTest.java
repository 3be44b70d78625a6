package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaFilesTest {

    @TempDir
    Path dir;

    @Test
    void takesAnIsoImageAndADiskImage() throws IOException {
        Path iso = iso(dir.resolve("boot.iso"));
        Path qcow2 = Files.write(dir.resolve("base.qcow2"), new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});

        assertThat(MediaFiles.check(iso.toString(), ErrorCode.INVALID_MEDIA)).isEqualTo(new MediaFiles.MediaFile(iso, "iso", Files.size(iso)));
        assertThat(MediaFiles.check(qcow2.toString(), ErrorCode.INVALID_MEDIA).format()).isEqualTo("qcow2");
    }

    @Test
    void refusesPathsThatAreNotAbsoluteAndNormal() throws IOException {
        Path iso = iso(dir.resolve("boot.iso"));
        for (String path : new String[] {"boot.iso", dir + "/../" + dir.getFileName() + "/boot.iso", dir + "/./boot.iso",
                dir + "//boot.iso", "", dir + "/boot.iso\n"}) {
            assertThatThrownBy(() -> MediaFiles.check(path, ErrorCode.INVALID_MEDIA)).isInstanceOfSatisfying(VireoException.class,
                    e -> assertThat(e.code()).isEqualTo("TMPL0010E"));
        }
        assertThat(iso).exists();
    }

    @Test
    void refusesWhatIsMissingNoFileOrNoImage() throws IOException {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$secret:19000:0:99999:7:::\n");
        assertRefused(dir.resolve("missing.iso").toString(), "does not exist");
        assertRefused(dir.toString(), "not a regular file");
        assertRefused(secret.toString(), "neither an ISO image nor a disk image");
    }

    private static void assertRefused(String path, String why) {
        assertThatThrownBy(() -> MediaFiles.check(path, ErrorCode.INVALID_MEDIA)).isInstanceOfSatisfying(VireoException.class, e -> {
            assertThat(e.code()).isEqualTo("TMPL0010E");
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains(path).contains(why);
        });
    }

    static Path iso(Path file) throws IOException {
        byte[] image = new byte[0x8800];
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, 0x8001, 5);
        return Files.write(file, image);
    }
}
