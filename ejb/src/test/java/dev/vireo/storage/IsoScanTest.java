package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoScanTest {

    @TempDir
    Path temp;

    /** A minimal ISO 9660 image: primary descriptor at sector 16, terminator at 17. */
    static void iso(Path file) throws IOException {
        byte[] image = new byte[18 * 2048];
        image[16 * 2048] = 1;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, 16 * 2048 + 1, 5);
        image[17 * 2048] = (byte) 255;
        System.arraycopy("CD001".getBytes(StandardCharsets.US_ASCII), 0, image, 17 * 2048 + 1, 5);
        Files.createDirectories(file.getParent());
        Files.write(file, image);
    }

    @Test
    void linksTheIsoImagesFoundDeepDownAndSkipsTheRest() throws IOException {
        Path root = temp.resolve("media");
        iso(root.resolve("a/b/c/debian.iso"));
        iso(root.resolve("other/debian.iso"));
        iso(root.resolve("pool/in-a-pool.iso"));
        Files.createDirectories(root);
        Files.write(root.resolve("fake.iso"), new byte[100]);
        iso(root.resolve("image.img"));
        Path links = Files.createDirectories(temp.resolve("scans/isos"));

        int found = IsoScan.scan(root, Set.of(root.resolve("pool")), links);

        assertThat(found).isEqualTo(2);
        assertThat(Files.isSymbolicLink(links.resolve("debian.iso"))).isTrue();
        assertThat(Files.readSymbolicLink(links.resolve("debian.iso")).toString()).endsWith("debian.iso");
        try (var files = Files.list(links)) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(2)
                    .anyMatch(name -> name.matches("iso-[0-9a-f]{16}\\.iso"));
        }

        IsoScan.removeLinks(links);
        assertThat(links).doesNotExist();
        assertThat(root.resolve("a/b/c/debian.iso")).exists();
    }
}
