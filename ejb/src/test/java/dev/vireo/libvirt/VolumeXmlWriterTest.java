package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Element;

/** The written XML, and libvirt's test driver (pool {@code default-pool} at {@code /default-pool}) creating from it. */
class VolumeXmlWriterTest {

    private static final VolumeSpec PLAIN = new VolumeSpec("vireo-plain.qcow2", 10 * Units.GIB, "qcow2", null, null);
    private static final VolumeSpec OVERLAY = new VolumeSpec("vireo-overlay.qcow2", 20 * Units.GIB, "qcow2",
            "/default-pool/f40-base.img", "raw");

    private Connect connect;
    private StoragePool pool;

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect("test:///default");
        pool = connect.storagePoolLookupByName("default-pool");
    }

    @AfterEach
    void close() throws LibvirtException {
        try {
            pool.free();
        } finally {
            connect.close();
        }
    }

    private static Element root(String xml) {
        return Xml.parse(xml).getDocumentElement();
    }

    @Test
    void plainVolumeHasNameCapacityInBytesAndFormat() {
        Element volume = root(VolumeXmlWriter.write(PLAIN));

        assertThat(volume.getTagName()).isEqualTo("volume");
        assertThat(Xml.text(volume, "name")).contains("vireo-plain.qcow2");
        assertThat(Xml.text(volume, "capacity")).contains(Long.toString(10 * Units.GIB));
        assertThat(Xml.attribute(Xml.child(volume, "capacity"), "unit")).contains("bytes");
        assertThat(Xml.text(volume, "allocation")).contains("0");
        assertThat(Xml.attribute(Xml.path(volume, "target", "format"), "type")).contains("qcow2");
    }

    @Test
    void allocationIsWrittenInBytes() {
        Element volume = root(VolumeXmlWriter.write(new VolumeSpec("a.raw", Units.GIB, "raw", null, null, Units.MIB)));

        assertThat(Xml.text(volume, "allocation")).contains(Long.toString(Units.MIB));
        assertThat(Xml.attribute(Xml.child(volume, "allocation"), "unit")).contains("bytes");
    }

    @Test
    void plainVolumeHasNoBackingStore() {
        assertThat(Xml.child(root(VolumeXmlWriter.write(PLAIN)), "backingStore")).isNull();
    }

    @Test
    void overlayNamesItsBackingPathAndFormat() {
        Element volume = root(VolumeXmlWriter.write(OVERLAY));

        assertThat(Xml.text(volume, "backingStore", "path")).contains("/default-pool/f40-base.img");
        assertThat(Xml.attribute(Xml.path(volume, "backingStore", "format"), "type")).contains("raw");
        assertThat(Xml.attribute(Xml.path(volume, "target", "format"), "type")).contains("qcow2");
    }

    @Test
    void hostileVolumeNameIsWrittenAsText() {
        String name = "x</name><target><format type='raw'/></target><name>y";

        Element volume = root(VolumeXmlWriter.write(new VolumeSpec(name, Units.GIB, "qcow2", null, null)));

        assertThat(Xml.children(volume, "name")).hasSize(1);
        assertThat(Xml.text(volume, "name")).contains(name);
        assertThat(Xml.children(volume, "target")).hasSize(1);
        assertThat(Xml.attribute(Xml.path(volume, "target", "format"), "type")).contains("qcow2");
    }

    @Test
    void hostileBackingPathIsWrittenAsText() {
        String path = "/a</path><format type='raw'/><path>/etc/shadow";

        Element volume = root(VolumeXmlWriter.write(new VolumeSpec("o.qcow2", Units.GIB, "qcow2", path, "qcow2")));

        assertThat(Xml.text(volume, "backingStore", "path")).contains(path);
        assertThat(Xml.children(Xml.child(volume, "backingStore"), "path")).hasSize(1);
        assertThat(Xml.children(Xml.child(volume, "backingStore"), "format")).hasSize(1);
    }

    @Test
    void testDriverCreatesAPlainVolumeWithTheWrittenNameAndCapacity() throws LibvirtException {
        StorageVol volume = pool.storageVolCreateXML(VolumeXmlWriter.write(PLAIN), 0);
        try {
            assertThat(volume.getName()).isEqualTo("vireo-plain.qcow2");
            assertThat(volume.getInfo().capacity).isEqualTo(10 * Units.GIB);
            Element described = root(volume.getXMLDesc(0));
            assertThat(Xml.attribute(Xml.path(described, "target", "format"), "type")).contains("qcow2");
            assertThat(Xml.child(described, "backingStore")).isNull();
        } finally {
            volume.delete(0);
            volume.free();
        }
    }

    @Test
    void testDriverCreatesAnOverlayThatKeepsItsBackingStore() throws LibvirtException {
        StorageVol volume = pool.storageVolCreateXML(VolumeXmlWriter.write(OVERLAY), 0);
        try {
            assertThat(volume.getName()).isEqualTo("vireo-overlay.qcow2");
            assertThat(volume.getInfo().capacity).isEqualTo(20 * Units.GIB);
            Element described = root(volume.getXMLDesc(0));
            assertThat(Xml.text(described, "backingStore", "path")).contains("/default-pool/f40-base.img");
            assertThat(Xml.attribute(Xml.path(described, "backingStore", "format"), "type")).contains("raw");
        } finally {
            volume.delete(0);
            volume.free();
        }
    }

    @Test
    void deletedVolumesLeaveThePoolAsItWas() throws LibvirtException {
        int before = pool.numOfVolumes();
        StorageVol volume = pool.storageVolCreateXML(VolumeXmlWriter.write(PLAIN), 0);
        int whileCreated;
        try {
            whileCreated = pool.numOfVolumes();
        } finally {
            volume.delete(0);
            volume.free();
        }

        assertThat(whileCreated).isEqualTo(before + 1);
        assertThat(pool.numOfVolumes()).isEqualTo(before);
    }
}
