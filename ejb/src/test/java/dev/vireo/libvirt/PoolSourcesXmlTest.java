package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** Discovery answers as libvirt gives them (netfs from showmount, iscsi from iscsiadm's sendtargets). */
class PoolSourcesXmlTest {

    private static final String NFS_EXPORTS = """
            <sources>
              <source>
                <host name='nas.example.com'/>
                <dir path='/exports/isos'/>
                <format type='nfs'/>
              </source>
              <source>
                <host name='nas.example.com'/>
                <dir path='/exports/vms'/>
                <format type='nfs'/>
              </source>
            </sources>
            """;

    private static final String ISCSI_TARGETS = """
            <sources>
              <source>
                <host name='10.0.0.5' port='3260'/>
                <device path='iqn.2003-01.org.linux-iscsi.san.x8664:sn.1'/>
              </source>
              <source>
                <host name='10.0.0.5' port='3260'/>
                <device path='iqn.2003-01.org.linux-iscsi.san.x8664:sn.2'/>
              </source>
            </sources>
            """;

    @Test
    void readsNfsExports() {
        assertThat(PoolSourcesXml.targets("netfs", NFS_EXPORTS)).containsExactly(
                new StorageTarget("nas.example.com", "nfs", "/exports/isos"),
                new StorageTarget("nas.example.com", "nfs", "/exports/vms"));
    }

    @Test
    void readsIscsiTargets() {
        assertThat(PoolSourcesXml.targets("iscsi", ISCSI_TARGETS)).containsExactly(
                new StorageTarget("10.0.0.5", "iscsi", "iqn.2003-01.org.linux-iscsi.san.x8664:sn.1"),
                new StorageTarget("10.0.0.5", "iscsi", "iqn.2003-01.org.linux-iscsi.san.x8664:sn.2"));
    }

    @Test
    void anEmptyAnswerHasNoTargets() {
        assertThat(PoolSourcesXml.targets("netfs", "<sources/>")).isEmpty();
        assertThat(PoolSourcesXml.targets("iscsi", "<sources>\n</sources>")).isEmpty();
    }

    @Test
    void asksForNfsWithItsFormatAndForIscsiAtAPort() {
        Element nfs = Xml.parse(PoolSourcesXml.query("netfs", "nas", null)).getDocumentElement();
        assertThat(Xml.child(nfs, "host").getAttribute("name")).isEqualTo("nas");
        assertThat(Xml.child(nfs, "format").getAttribute("type")).isEqualTo("nfs");

        Element iscsi = Xml.parse(PoolSourcesXml.query("iscsi", "10.0.0.5", 3261)).getDocumentElement();
        assertThat(Xml.child(iscsi, "host").getAttribute("port")).isEqualTo("3261");
        assertThat(Xml.child(iscsi, "format")).isNull();
    }
}
