package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import org.junit.jupiter.api.Test;

class VolumeUrlTest {

    @Test
    void takesHttpAndHttpsUrlsAndNamesTheVolumeAfterTheFile() {
        assertThat(VolumeUrl.parse("https://example.org/images/Fedora-40.iso").fileName()).contains("Fedora-40.iso");
        assertThat(VolumeUrl.parse("HTTP://10.0.0.1:8000/a/disk%20one.img?token=1").fileName()).contains("disk one.img");
    }

    @Test
    void aUrlEndingInASlashNamesNoFile() {
        assertThat(VolumeUrl.parse("http://example.org/images/").fileName()).isEmpty();
        assertThat(VolumeUrl.parse("http://example.org").fileName()).isEmpty();
    }

    @Test
    void refusesOtherSchemesRelativeUrlsAndCredentials() {
        for (String bad : new String[] {"ftp://example.org/a.iso", "file:///etc/passwd", "/a.iso", "http:///a.iso",
                "http://exa mple.org/a.iso", "https://user:secret@example.org/a.iso"}) {
            assertThatThrownBy(() -> VolumeUrl.parse(bad)).as(bad).isInstanceOf(VireoException.class)
                    .satisfies(e -> assertThat(((VireoException) e).code()).isEqualTo("STG0011E"));
        }
        assertThatThrownBy(() -> VolumeUrl.parse("https://user:secret@example.org/a.iso"))
                .hasMessageNotContaining("secret");
    }
}
