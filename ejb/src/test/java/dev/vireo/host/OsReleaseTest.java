package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OsReleaseTest {

    @Test
    void readsDebian() {
        assertThat(OsRelease.parse("""
                PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
                NAME="Debian GNU/Linux"
                VERSION_ID="12"
                VERSION="12 (bookworm)"
                VERSION_CODENAME=bookworm
                ID=debian
                """)).isEqualTo(new OsRelease("Debian GNU/Linux", "12", "bookworm"));
    }

    @Test
    void takesTheCodenameFromTheVersionWhenThereIsNoVersionCodename() {
        assertThat(OsRelease.parse("""
                # CentOS
                NAME='CentOS Linux'
                VERSION="7 (Core)"
                VERSION_ID="7"
                """)).isEqualTo(new OsRelease("CentOS Linux", "7", "Core"));
    }

    @Test
    void leavesOutWhatIsNotThere() {
        assertThat(OsRelease.parse("NAME=\"Alpine \\\"edge\\\"\"\n")).isEqualTo(new OsRelease("Alpine \"edge\"", null, null));
    }
}
