package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class PoolXmlTest {

    @Test
    void writesAndReadsBackANetfsPool() {
        String xml = PoolXml.write(new PoolSpec("nfs1", "netfs", "/var/lib/vireo/nfs_mount/nfs1", "nas.example.com", null,
                "/exports/vms", null, null, null, null, null, null));

        Element root = Xml.parse(xml).getDocumentElement();
        assertThat(root.getAttribute("type")).isEqualTo("netfs");
        assertThat(Xml.text(root, "target", "path")).contains("/var/lib/vireo/nfs_mount/nfs1");
        PoolSource source = PoolXml.source(xml);
        assertThat(source.host()).isEqualTo("nas.example.com");
        assertThat(source.dir()).isEqualTo("/exports/vms");
        assertThat(source.format()).isEqualTo("nfs");
    }

    @Test
    void writesAndReadsBackALogicalPoolOfDevicesAndOneOfAnExistingGroup() {
        PoolSource made = PoolXml.source(PoolXml.write(new PoolSpec("vg1", "logical", "/dev/vg1", null, null, null,
                List.of("/dev/sdb", "/dev/sdc1"), "vg1", null, null, null, null)));
        assertThat(made.devices()).containsExactly("/dev/sdb", "/dev/sdc1");
        assertThat(made.name()).isEqualTo("vg1");
        assertThat(made.format()).isEqualTo("lvm2");

        PoolSource existing = PoolXml.source(PoolXml.write(new PoolSpec("vg2", "logical", "/dev/vg2", null, null, null,
                null, "vg2", null, null, null, null)));
        assertThat(existing.devices()).isEmpty();
        assertThat(existing.name()).isEqualTo("vg2");
    }

    @Test
    void writesAnIscsiPoolWhoseChapPasswordIsOnlyASecretReference() {
        PoolSpec spec = new PoolSpec("san", "iscsi", "/dev/disk/by-path", "10.0.0.5", 3261, null, null, null,
                "iqn.2024-01.com.example:disks", null, "vireo", null).withSecret("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f");

        String xml = PoolXml.write(spec);

        Element auth = Xml.path(Xml.parse(xml).getDocumentElement(), "source", "auth");
        assertThat(auth.getAttribute("type")).isEqualTo("chap");
        assertThat(Xml.child(auth, "secret").getAttribute("uuid")).isEqualTo("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f");
        PoolSource source = PoolXml.source(xml);
        assertThat(source.host()).isEqualTo("10.0.0.5");
        assertThat(source.port()).isEqualTo(3261);
        assertThat(source.devices()).containsExactly("iqn.2024-01.com.example:disks");
        assertThat(source.authUsername()).isEqualTo("vireo");
        assertThat(source.secretUuid()).isEqualTo("0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f");
    }

    @Test
    void anIscsiPoolWithoutAuthHasNone() {
        String xml = PoolXml.write(new PoolSpec("san", "iscsi", "/dev/disk/by-path", "san", null, null, null, null,
                "iqn.2024-01.com.example:disks", null, null, null));
        assertThat(Xml.path(Xml.parse(xml).getDocumentElement(), "source", "auth")).isNull();
        assertThat(Xml.path(Xml.parse(xml).getDocumentElement(), "source", "host").hasAttribute("port")).isFalse();
    }

    @Test
    void writesAScsiPoolOnItsHostAdapter() {
        PoolSource source = PoolXml.source(PoolXml.write(new PoolSpec("hba", "scsi", "/dev/disk/by-path", null, null, null,
                null, null, null, "scsi_host2", null, null)));
        assertThat(source.adapterType()).isEqualTo("scsi_host");
        assertThat(source.adapterName()).isEqualTo("scsi_host2");
    }

    @Test
    void aDirPoolHasNoSource() {
        String xml = PoolXml.write(PoolSpec.dir("images", "/srv/images"));
        assertThat(Xml.child(Xml.parse(xml).getDocumentElement(), "source")).isNull();
        assertThat(PoolXml.source(xml)).isEqualTo(PoolSource.NONE);
    }

    @Test
    void theChapSecretIsPrivatePersistentAndNamedAfterThePool() {
        Element secret = Xml.parse(PoolXml.chapSecret("san")).getDocumentElement();
        assertThat(secret.getAttribute("private")).isEqualTo("yes");
        assertThat(secret.getAttribute("ephemeral")).isEqualTo("no");
        assertThat(Xml.text(secret, "usage", "target")).contains("vireo-pool-san");
        assertThat(Xml.child(secret, "usage").getAttribute("type")).isEqualTo("iscsi");
    }

    @Test
    void addsDevicesToALogicalPoolOnce() {
        String xml = PoolXml.write(new PoolSpec("vg1", "logical", "/dev/vg1", null, null, null, List.of("/dev/sdb"), "vg1",
                null, null, null, null));

        PoolSource extended = PoolXml.source(PoolXml.addDevices(xml, List.of("/dev/sdb", "/dev/sdd")));

        assertThat(extended.devices()).containsExactlyInAnyOrder("/dev/sdb", "/dev/sdd");
        assertThat(extended.name()).isEqualTo("vg1");
    }

    @Test
    void readsWhatLibvirtWritesBack() {
        String libvirt = """
                <pool type='iscsi'>
                  <name>san</name>
                  <uuid>7d3a6bd4-2b0e-4a53-9f33-5f5f7c0e2bd2</uuid>
                  <capacity unit='bytes'>0</capacity>
                  <source>
                    <host name='192.168.1.20' port='3260'/>
                    <device path='iqn.2013-06.com.example:target0'/>
                    <auth type='chap' username='alice'>
                      <secret uuid='8b2f1e5c-3d4a-4b6f-9a1e-2c3d4e5f6a7b'/>
                    </auth>
                  </source>
                  <target><path>/dev/disk/by-path</path></target>
                </pool>""";
        PoolSource source = PoolXml.source(libvirt);
        assertThat(source.port()).isEqualTo(3260);
        assertThat(source.authUsername()).isEqualTo("alice");
        assertThat(source.secretUuid()).isEqualTo("8b2f1e5c-3d4a-4b6f-9a1e-2c3d4e5f6a7b");
    }
}
