package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class PoolDefinitionsTest {

    private static PoolDefinitions.Definition define(String name, String type, String path, PoolRequest.Source source) {
        return PoolDefinitions.of(new PoolRequest(name, type, path, source, null, null), "/mnt/nfs", "/data/scans");
    }

    private static PoolRequest.Source source(String host, String path, List<String> devices, String target, Integer port,
                                             PoolRequest.Auth auth, String adapter, Boolean fromVg) {
        return new PoolRequest.Source(host, path, devices, target, port, auth, adapter, fromVg);
    }

    private static void refused(String code, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(VireoException.class).extracting("error.code").isEqualTo(code);
    }

    @Test
    void eachTypeBecomesItsLibvirtPool() {
        assertThat(define("d", "dir", "/srv/d/", null).spec().targetPath()).isEqualTo("/srv/d");
        PoolDefinitions.Definition iso = define("isos", "kimchi-iso", "/srv/media", null);
        assertThat(iso.spec().type()).isEqualTo("dir");
        assertThat(iso.spec().targetPath()).isEqualTo("/data/scans/isos");
        PoolDefinitions.Definition nfs = define("n", "netfs", null, source("nas", "/exports/vms", null, null, null, null, null, null));
        assertThat(nfs.spec().targetPath()).isEqualTo("/mnt/nfs/n");
        assertThat(nfs.start()).isFalse();
        PoolDefinitions.Definition lvm = define("vg", "logical", null, source(null, null, List.of("/dev/sdb"), null, null, null, null, null));
        assertThat(lvm.spec().volumeGroup()).isEqualTo("vg");
        assertThat(lvm.start()).isTrue();
        assertThat(define("vg", "logical", null, source(null, null, null, null, null, null, null, true)).spec().devices()).isEmpty();
        PoolDefinitions.Definition scsi = define("h", "scsi", null, source(null, null, null, null, null, null, "host3", null));
        assertThat(scsi.spec().adapterName()).isEqualTo("host3");
    }

    @Test
    void anIscsiPoolKeepsItsPasswordOutOfTheDefinition() {
        PoolDefinitions.Definition iscsi = define("san", "iscsi", null, source("10.0.0.5", null, null,
                "iqn.2024-01.com.example:disks", 3260, new PoolRequest.Auth("alice", "s3cret-Pa55"), null, null));
        assertThat(iscsi.chapPassword()).isEqualTo("s3cret-Pa55");
        assertThat(iscsi.spec().chapUsername()).isEqualTo("alice");
        assertThat(iscsi.spec().toString()).doesNotContain("s3cret-Pa55");
        assertThat(iscsi.toString()).doesNotContain("s3cret-Pa55");
        assertThat(new PoolRequest.Auth("alice", "s3cret-Pa55").toString()).doesNotContain("s3cret-Pa55");
    }

    @Test
    void refusesWhatATypeLacksOrDoesNotTake() {
        refused("STG0018E", () -> define("n", "netfs", null, null));
        refused("STG0018E", () -> define("n", "netfs", null, source("nas", null, null, null, null, null, null, null)));
        refused("STG0018E", () -> define("s", "iscsi", null, source("nas", null, null, null, null, null, null, null)));
        refused("STG0018E", () -> define("vg", "logical", null, null));
        refused("STG0018E", () -> define("h", "scsi", null, null));
        refused("STG0029E", () -> define("n", "netfs", "/srv/x", source("nas", "/e", null, null, null, null, null, null)));
        refused("STG0029E", () -> define("d", "dir", "/srv/x", source(null, null, List.of("/dev/sdb"), null, null, null, null, null)));
        refused("STG0005E", () -> define("vg", "logical", null, source(null, null, List.of("/dev/sdb"), null, null, null, null, true)));
        refused("STG0005E", () -> define("x", "ceph", null, null));
        refused("API0010E", () -> define("x", null, null, null));
        refused("API0010E", () -> define("d", "dir", null, null));
        refused("STG0017E", () -> define("kimchi_isos", "dir", "/srv/x", null));
    }

    @Test
    void refusesBadFields() {
        refused("STG0019E", () -> define("n", "netfs", null, source("bad host", "/e", null, null, null, null, null, null)));
        refused("STG0005E", () -> define("n", "netfs", null, source("nas", "exports", null, null, null, null, null, null)));
        refused("STG0020E", () -> define("s", "iscsi", null, source("nas", null, null, "target0", null, null, null, null)));
        refused("STG0021E", () -> define("s", "iscsi", null, source("nas", null, null, "iqn.2024-01.com.example:t", 70000, null, null, null)));
        refused("STG0023E", () -> define("s", "iscsi", null, source("nas", null, null, "iqn.2024-01.com.example:t", null,
                new PoolRequest.Auth("alice", null), null, null)));
        refused("STG0022E", () -> define("vg", "logical", null, source(null, null, List.of("/tmp/disk"), null, null, null, null, null)));
        refused("STG0022E", () -> define("vg", "logical", null, source(null, null, List.of("/dev/../etc/passwd"), null, null, null, null, null)));
        refused("STG0024E", () -> define("h", "scsi", null, source(null, null, null, null, null, null, "sda", null)));
    }

    @Test
    void aChapRefusalNeverNamesThePassword() {
        assertThatThrownBy(() -> PoolRules.chap(new PoolRequest.Auth("alice", "bad\u0001secret")))
                .isInstanceOf(VireoException.class).message().doesNotContain("secret");
    }

    @Test
    void serversArePlainNamesOrAddresses() {
        assertThat(PoolRules.host("nas.example.com")).isEqualTo("nas.example.com");
        assertThat(PoolRules.host("192.168.1.20")).isEqualTo("192.168.1.20");
        assertThat(PoolRules.host("fe80::1")).isEqualTo("fe80::1");
        assertThat(PoolRules.host("localhost")).isEqualTo("localhost");
        for (String bad : new String[] {"", "-nas", "nas_1", "999.1.1.1", "1.2.3", "a b", "nas;rm", "gggg::1"}) {
            refused("STG0019E", () -> PoolRules.host(bad));
        }
    }

    @Test
    void iqnsFollowRfc3720() {
        for (String good : new String[] {"iqn.2024-01.com.example:disks", "iqn.2003-01.org.linux-iscsi.san.x8664:sn.1",
                "iqn.1992-08.com.netapp", "eui.02004567A425678D", "naa.52004567BA64678D"}) {
            assertThat(PoolRules.iqn(good)).isEqualTo(good);
        }
        for (String bad : new String[] {"iqn.24-01.com.example", "iqn.2024-13.com.example:x", "IQN.2024-01.com.x",
                "iqn.2024-01.com.example:has space", "eui.123"}) {
            refused("STG0020E", () -> PoolRules.iqn(bad));
        }
    }

    @Test
    void portsAndDevices() {
        assertThat(PoolRules.port((Integer) null)).isNull();
        assertThat(PoolRules.port("3260")).isEqualTo(3260);
        assertThat(PoolRules.port("")).isNull();
        refused("STG0021E", () -> PoolRules.port(0));
        refused("STG0021E", () -> PoolRules.port("x"));
        assertThat(PoolRules.device("/dev/disk/by-id/wwn-0x5000c500a1b2c3d4")).isNotNull();
        refused("STG0022E", () -> PoolRules.device("/dev/"));
        refused("STG0022E", () -> PoolRules.device("/dev//sda"));
    }
}
