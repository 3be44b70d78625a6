package dev.vireo.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LibvirtUriTest {

    @ParameterizedTest
    @ValueSource(strings = {"qemu:///system", "qemu:///session", "qemu+ssh://root@cell1.example/system",
            "qemu+ssh://cell1/system?keyfile=/etc/vireo/id_ed25519&no_verify=1", "qemu+tls://10.0.0.7:16514/system",
            "qemu+unix:///system?socket=/var/run/libvirt/libvirt-sock", "qemu+libssh2://cell2/system", "test:///default"})
    void takesTheUrisOfQemuHostsAndTheTestDriver(String uri) {
        assertThat(LibvirtUri.require(uri)).isEqualTo(uri);
    }

    @Test
    void takesATestDriverFileThatExists(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("host.xml"), "<node/>");
        assertThat(LibvirtUri.require("test://" + file)).isEqualTo("test://" + file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "qemu", "system", "http://cell1/system", "qemu+ext:///system?command=/bin/sh",
            "qemu+ssh:///system", "qemu://cell1/system", "qemu:///other", "qemu+ssh://root:secret@cell1/system",
            "qemu:///system#frag", "qemu:///system\n", "qemu:///sys tem", "test:///no/such/host.xml",
            "test:///tmp/../etc/host.xml", "test://cell/default", "test:///default?x=1", "xen:///system", "::"})
    void refusesWhatLibvirtCannotOrMustNotConnectTo(String uri) {
        assertThatThrownBy(() -> LibvirtUri.require(uri)).isInstanceOf(VireoException.class)
                .satisfies(e -> assertThat(((VireoException) e).error().code()).isIn("ZONE0004E", "API0010E"));
    }

    @Test
    void neverRepeatsAPasswordItRefuses() {
        assertThatThrownBy(() -> LibvirtUri.require("qemu+ssh://root:s3cret@cell1/system"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret").contains("password"));
    }

    @Test
    void refusesOverLongUris() {
        assertThatThrownBy(() -> LibvirtUri.require("qemu+ssh://" + "h".repeat(1000) + "/system"))
                .satisfies(e -> assertThat(((VireoException) e).error().code()).isEqualTo("API0011E"));
    }
}
