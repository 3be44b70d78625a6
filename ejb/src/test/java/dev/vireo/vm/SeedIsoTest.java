package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.IsoImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs Debian's xorriso, which ./vireo installs. */
class SeedIsoTest {

    @TempDir
    Path work;

    @Test
    void theImageIsLabelledCidataAndHoldsBothFilesAsWritten() throws Exception {
        CloudInitSeed seed = CloudInitSeed.forPassword("iid-9", "web-9", "root", "$6$salt$hash");
        Path iso = work.resolve("seed.iso");
        Files.write(iso, SeedIso.of(seed));

        IsoImage image = IsoImage.ofFile(iso);
        assertThat(image.iso9660()).isTrue();
        assertThat(image.label()).isEqualTo(CloudInitSeed.LABEL);
        assertThat(image.bootable()).isFalse();
        assertThat(extract(iso, CloudInitSeed.USER_DATA)).isEqualTo(seed.userData());
        assertThat(extract(iso, CloudInitSeed.META_DATA)).isEqualTo(seed.metaData());
    }

    /** A file of the image as xorriso reads it back (Rock Ridge names: cloud-init's own reader sees the same). */
    private String extract(Path iso, String name) throws Exception {
        Path out = work.resolve("out-" + name);
        Process process = new ProcessBuilder(SeedIso.TOOL, "-osirrox", "on", "-indev", iso.toString(), "-extract",
                "/" + name, out.toString()).redirectErrorStream(true).redirectOutput(work.resolve("x.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(work.resolve("x.log"))).isZero();
        return Files.readString(out);
    }
}
