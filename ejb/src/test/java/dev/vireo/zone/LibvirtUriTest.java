package dev.vireo.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
            "qemu+ssh://cell1/system?no_verify=1", "qemu+tls://10.0.0.7:16514/system",
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
    void takesAPkiPathHoldingWhatLibvirtsTlsClientReadsAndAKeyFileThatExist(@TempDir Path dir) throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki dir"));
        for (String file : LibvirtUri.PKI_FILES) {
            Files.writeString(pki.resolve(file), "-----BEGIN-----");
        }
        Path key = Files.writeString(dir.resolve("id_ed25519"), "-----BEGIN-----");
        String tls = "qemu+tls://cell1:16514/system?pkipath=" + pki.toString().replace(" ", "%20");
        assertThat(LibvirtUri.require(tls)).isEqualTo(tls);
        String ssh = "qemu+ssh://vireo@cell1/system?keyfile=" + key + "&no_verify=1";
        assertThat(LibvirtUri.require(ssh)).isEqualTo(ssh);
    }

    @Test
    void refusesAPkiPathOrKeyFileThatIsNotThereNamingWhatIsMissing(@TempDir Path dir) throws IOException {
        Path pki = Files.createDirectories(dir.resolve("pki"));
        Files.writeString(pki.resolve("cacert.pem"), "-----BEGIN-----");
        Files.writeString(pki.resolve("clientcert.pem"), "-----BEGIN-----");
        assertThat(refusal("qemu+tls://cell1/system?pkipath=" + pki)).contains("no readable file " + pki.resolve("clientkey.pem"))
                .contains("cacert.pem, clientcert.pem, clientkey.pem");
        assertThat(refusal("qemu+tls://cell1/system?pkipath=" + dir.resolve("none"))).contains("no directory " + dir.resolve("none"));
        assertThat(refusal("qemu+tls://cell1/system?pkipath=pki")).contains("absolute");
        assertThat(refusal("qemu+tls://cell1/system?pkipath=" + pki + "/../pki")).contains("plain");
        assertThat(refusal("qemu+tls://cell1/system?pkipath=" + pki + "&x=1&pkipath=%00")).contains("pkipath");
        assertThat(refusal("qemu+ssh://cell1/system?keyfile=" + pki)).contains("keyfile: no readable file " + pki);
        assertThat(refusal("qemu+ssh://cell1/system?keyfile=" + dir.resolve("id_rsa"))).contains("keyfile");
    }

    private static String refusal(String uri) {
        VireoException refused = catchThrowableOfType(VireoException.class, () -> LibvirtUri.require(uri));
        assertThat(refused).as(uri).isNotNull();
        assertThat(refused.error().code()).isEqualTo("ZONE0004E");
        return refused.getMessage();
    }

    @Test
    void refusesOverLongUris() {
        assertThatThrownBy(() -> LibvirtUri.require("qemu+ssh://" + "h".repeat(1000) + "/system"))
                .satisfies(e -> assertThat(((VireoException) e).error().code()).isEqualTo("API0011E"));
    }
}
