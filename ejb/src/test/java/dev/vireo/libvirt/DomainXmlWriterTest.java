package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

class DomainXmlWriterTest {

    private static final String UUID_OF_WEB = "0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b";

    private static final List<DomainSpec.Disk> DISKS = List.of(
            DomainSpec.Disk.file("disk", "/var/lib/libvirt/images/web-01-0.qcow2", "qcow2", "virtio", "vda"),
            DomainSpec.Disk.file("disk", "/srv/fast/web-01-1.img", "raw", "virtio", "vdb"),
            DomainSpec.Disk.file("cdrom", "/var/lib/libvirt/isos/f40.iso", "raw", "ide", "hdc"),
            DomainSpec.Disk.streamedCdrom("https://mirror.example.org:8443/iso/f40.iso?token=abc&arch=x86_64",
                    "ide", "hdd"));

    private static final List<DomainSpec.Nic> NICS = List.of(
            new DomainSpec.Nic("default", "virtio"),
            new DomainSpec.Nic("backend", "e1000"));

    private static final VireoMetadata METADATA = new VireoMetadata("f40", null,
            List.of(new VireoMetadata.OwnedVolume("default", "web-01-0.qcow2"),
                    new VireoMetadata.OwnedVolume("fast", "web-01-1.img")),
            List.of("alice", "bob"),
            List.of("admins", "web-team"));

    private static DomainSpec fullSpec() {
        return new DomainSpec("kvm", "web-01", UUID_OF_WEB, "Web frontend", "Serves the shop",
                512, 1024, 2, 4, new DomainDefinition.Topology(1, 2, 2), "x86_64",
                List.of("cdrom", "hd"), DISKS, NICS,
                new DomainSpec.Graphics("vnc", "127.0.0.1", "s3cret", "2026-01-01T00:10:00"),
                "vga", METADATA);
    }

    private static DomainSpec specWith(String title, String description, VireoMetadata metadata) {
        DomainSpec full = fullSpec();
        return new DomainSpec(full.type(), full.name(), full.uuid(), title, description,
                full.memoryMib(), full.maxMemoryMib(), full.vcpus(), full.maxVcpus(), full.topology(), full.arch(),
                full.bootOrder(), full.disks(), full.nics(), full.graphics(), full.video(), metadata);
    }

    private static Element root(String xml) {
        return Xml.parse(xml).getDocumentElement();
    }

    private static Element devices(String xml) {
        return Xml.child(root(xml), "devices");
    }

    private static Element diskWithTarget(String xml, String target) {
        return Xml.children(devices(xml), "disk").stream()
                .filter(disk -> target.equals(Xml.attribute(Xml.child(disk, "target"), "dev").orElse(null)))
                .findFirst().orElseThrow();
    }

    @Test
    void identityAndTextsSurviveAReadBack() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.type()).isEqualTo("kvm");
        assertThat(read.name()).isEqualTo("web-01");
        assertThat(read.uuid()).isEqualTo(UUID_OF_WEB);
        assertThat(read.title()).isEqualTo("Web frontend");
        assertThat(read.description()).isEqualTo("Serves the shop");
        assertThat(read.arch()).isEqualTo("x86_64");
    }

    @Test
    void memoryIsWrittenInMibAndReadBackInBytes() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.memoryBytes()).isEqualTo(1024 * Units.MIB);
        assertThat(read.maxMemoryBytes()).isEqualTo(1024 * Units.MIB);
        assertThat(read.currentMemoryBytes()).isEqualTo(512 * Units.MIB);
    }

    @Test
    void vcpusAndTopologySurviveAReadBack() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.maxVcpus()).isEqualTo(4);
        assertThat(read.vcpus()).isEqualTo(2);
        assertThat(read.topology()).isEqualTo(new DomainDefinition.Topology(1, 2, 2));
    }

    @Test
    void withoutTopologyNoCpuElementIsWritten() {
        DomainSpec full = fullSpec();
        DomainSpec spec = new DomainSpec(full.type(), full.name(), full.uuid(), full.title(), full.description(),
                full.memoryMib(), full.maxMemoryMib(), full.vcpus(), full.maxVcpus(), null, full.arch(),
                full.bootOrder(), full.disks(), full.nics(), full.graphics(), full.video(), full.metadata());

        String xml = DomainXmlWriter.write(spec);

        assertThat(Xml.child(root(xml), "cpu")).isNull();
        assertThat(DomainXmlReader.read(xml).topology()).isNull();
    }

    @Test
    void bootOrderKeepsItsSequenceWithoutABootMenu() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.bootOrder()).containsExactly("cdrom", "hd");
        assertThat(read.bootMenu()).isFalse();
    }

    @Test
    void graphicsSurviveWithPasswordAndExpiry() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.graphics()).isEqualTo(
                new DomainDefinition.Graphics("vnc", "127.0.0.1", null, "s3cret", "2026-01-01T00:10:00"));
    }

    @Test
    void graphicsAskForAnAutomaticPortAndListenOnTheGivenAddress() {
        Element graphics = Xml.child(devices(DomainXmlWriter.write(fullSpec())), "graphics");

        assertThat(Xml.attribute(graphics, "autoport")).contains("yes");
        assertThat(Xml.attribute(graphics, "port")).isEmpty();
        Element listen = Xml.child(graphics, "listen");
        assertThat(Xml.attribute(listen, "type")).contains("address");
        assertThat(Xml.attribute(listen, "address")).contains("127.0.0.1");
    }

    @Test
    void graphicsWithoutPasswordWriteNeitherPasswdNorExpiry() {
        DomainSpec full = fullSpec();
        DomainSpec spec = new DomainSpec(full.type(), full.name(), full.uuid(), full.title(), full.description(),
                full.memoryMib(), full.maxMemoryMib(), full.vcpus(), full.maxVcpus(), full.topology(), full.arch(),
                full.bootOrder(), full.disks(), full.nics(),
                new DomainSpec.Graphics("spice", "0.0.0.0", null, "2026-01-01T00:10:00"), "qxl", full.metadata());

        Element graphics = Xml.child(devices(DomainXmlWriter.write(spec)), "graphics");

        assertThat(Xml.attribute(graphics, "type")).contains("spice");
        assertThat(Xml.attribute(graphics, "passwd")).isEmpty();
        assertThat(Xml.attribute(graphics, "passwdValidTo")).isEmpty();
    }

    @Test
    void videoModelIsWrittenWithGraphics() {
        Element video = Xml.child(devices(DomainXmlWriter.write(fullSpec())), "video");

        assertThat(Xml.attribute(Xml.child(video, "model"), "type")).contains("vga");
    }

    @Test
    void specWithoutGraphicsWritesNoGraphicsAndNoVideo() {
        DomainSpec full = fullSpec();
        DomainSpec headless = new DomainSpec(full.type(), full.name(), full.uuid(), full.title(), full.description(),
                full.memoryMib(), full.maxMemoryMib(), full.vcpus(), full.maxVcpus(), full.topology(), full.arch(),
                full.bootOrder(), full.disks(), full.nics(), null, "vga", full.metadata());

        String xml = DomainXmlWriter.write(headless);

        assertThat(Xml.children(devices(xml), "graphics")).isEmpty();
        assertThat(Xml.children(devices(xml), "video")).isEmpty();
        assertThat(DomainXmlReader.read(xml).graphics()).isNull();
    }

    @Test
    void everyDiskKeepsItsTargetInOrder() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.diskTargets()).containsExactly("vda", "vdb", "hdc", "hdd");
    }

    @Test
    void fileDisksPointAtTheirFileWithTheirFormatAndBus() {
        String xml = DomainXmlWriter.write(fullSpec());
        Element vdb = diskWithTarget(xml, "vdb");

        assertThat(Xml.attribute(vdb, "type")).contains("file");
        assertThat(Xml.attribute(vdb, "device")).contains("disk");
        assertThat(Xml.attribute(Xml.child(vdb, "source"), "file")).contains("/srv/fast/web-01-1.img");
        assertThat(Xml.attribute(Xml.child(vdb, "driver"), "name")).contains("qemu");
        assertThat(Xml.attribute(Xml.child(vdb, "driver"), "type")).contains("raw");
        assertThat(Xml.attribute(Xml.child(vdb, "target"), "bus")).contains("virtio");
        assertThat(Xml.child(vdb, "readonly")).isNull();
    }

    @Test
    void fileCdromIsReadOnlyOnTheIdeBus() {
        Element hdc = diskWithTarget(DomainXmlWriter.write(fullSpec()), "hdc");

        assertThat(Xml.attribute(hdc, "type")).contains("file");
        assertThat(Xml.attribute(hdc, "device")).contains("cdrom");
        assertThat(Xml.attribute(Xml.child(hdc, "source"), "file")).contains("/var/lib/libvirt/isos/f40.iso");
        assertThat(Xml.attribute(Xml.child(hdc, "target"), "bus")).contains("ide");
        assertThat(Xml.child(hdc, "readonly")).isNotNull();
    }

    @Test
    void streamedCdromBecomesANetworkDiskWithHostPortPathAndQuery() {
        Element hdd = diskWithTarget(DomainXmlWriter.write(fullSpec()), "hdd");

        assertThat(Xml.attribute(hdd, "type")).contains("network");
        assertThat(Xml.attribute(hdd, "device")).contains("cdrom");
        assertThat(Xml.attribute(Xml.child(hdd, "driver"), "type")).contains("raw");
        Element source = Xml.child(hdd, "source");
        assertThat(Xml.attribute(source, "protocol")).contains("https");
        assertThat(Xml.attribute(source, "name")).contains("/iso/f40.iso?token=abc&arch=x86_64");
        Element host = Xml.child(source, "host");
        assertThat(Xml.attribute(host, "name")).contains("mirror.example.org");
        assertThat(Xml.attribute(host, "port")).contains("8443");
        assertThat(Xml.child(hdd, "readonly")).isNotNull();
    }

    @Test
    void streamedCdromWithoutPortGetsTheSchemesDefaultPort() {
        DomainSpec full = fullSpec();
        DomainSpec spec = new DomainSpec(full.type(), full.name(), full.uuid(), full.title(), full.description(),
                full.memoryMib(), full.maxMemoryMib(), full.vcpus(), full.maxVcpus(), full.topology(), full.arch(),
                full.bootOrder(),
                List.of(DomainSpec.Disk.streamedCdrom("https://mirror.example.org/iso/f40.iso", "ide", "hdc")),
                full.nics(), full.graphics(), full.video(), full.metadata());

        Element source = Xml.child(diskWithTarget(DomainXmlWriter.write(spec), "hdc"), "source");

        assertThat(Xml.attribute(source, "name")).contains("/iso/f40.iso");
        assertThat(Xml.attribute(Xml.child(source, "host"), "port")).contains("443");
    }

    @Test
    void nicsAreNetworkInterfacesWithTheirModels() {
        List<Element> interfaces = Xml.children(devices(DomainXmlWriter.write(fullSpec())), "interface");

        assertThat(interfaces).hasSize(2);
        assertThat(interfaces).allSatisfy(iface -> assertThat(Xml.attribute(iface, "type")).contains("network"));
        assertThat(interfaces).map(iface -> Xml.attribute(Xml.child(iface, "source"), "network").orElse(null))
                .containsExactly("default", "backend");
        assertThat(interfaces).map(iface -> Xml.attribute(Xml.child(iface, "model"), "type").orElse(null))
                .containsExactly("virtio", "e1000");
    }

    @Test
    void vireoMetadataSurvivesWithTemplateVolumesUsersAndGroups() {
        DomainDefinition read = DomainXmlReader.read(DomainXmlWriter.write(fullSpec()));

        assertThat(read.metadata()).isEqualTo(METADATA);
    }

    @Test
    void vireoMetadataLivesInItsOwnNamespace() {
        Element metadata = Xml.child(root(DomainXmlWriter.write(fullSpec())), "metadata");

        List<Element> vms = Xml.children(metadata, "vm");
        assertThat(vms).hasSize(1);
        assertThat(vms.get(0).getNamespaceURI()).isEqualTo(VireoMetadata.NAMESPACE);
        assertThat(Xml.child(vms.get(0), "template").getNamespaceURI()).isEqualTo(VireoMetadata.NAMESPACE);
    }

    @Test
    void emptyMetadataWritesAnEmptyVireoElementAndReadsBackAsNone() {
        String xml = DomainXmlWriter.write(specWith("t", "d", VireoMetadata.NONE));

        Element vm = Xml.child(Xml.child(root(xml), "metadata"), "vm");
        assertThat(vm.getNamespaceURI()).isEqualTo(VireoMetadata.NAMESPACE);
        assertThat(vm.getElementsByTagNameNS("*", "*").getLength()).isZero();
        assertThat(DomainXmlReader.read(xml).metadata()).isEqualTo(VireoMetadata.NONE);
    }

    @Test
    void emptyTitleAndDescriptionAreLeftOut() {
        String xml = DomainXmlWriter.write(specWith("", null, METADATA));

        assertThat(Xml.child(root(xml), "title")).isNull();
        assertThat(Xml.child(root(xml), "description")).isNull();
    }

    @Test
    void hostileTitleComesBackAsTextWithoutAddingElements() {
        String title = "</title><devices/>";

        String xml = DomainXmlWriter.write(specWith(title, "plain", METADATA));

        assertThat(DomainXmlReader.read(xml).title()).isEqualTo(title);
        assertThat(Xml.children(root(xml), "devices")).hasSize(1);
        assertThat(Xml.parse(xml).getElementsByTagNameNS("*", "devices").getLength()).isEqualTo(1);
    }

    @Test
    void hostileDescriptionComesBackAsTextWithoutAddingElements() {
        String description = "a & b < c > d \"quoted\" 'single' </description><devices/>";

        String xml = DomainXmlWriter.write(specWith("plain", description, METADATA));

        assertThat(DomainXmlReader.read(xml).description()).isEqualTo(description);
        assertThat(Xml.parse(xml).getElementsByTagNameNS("*", "devices").getLength()).isEqualTo(1);
    }

    @Test
    void hostileUserAndGroupNamesComeBackAsTextWithoutAddingElements() {
        VireoMetadata hostile = new VireoMetadata("f40", null, List.of(),
                List.of("eve\"/><vireo:user>mallory"), List.of("x</vireo:group><devices/>"));

        String xml = DomainXmlWriter.write(specWith("plain", "plain", hostile));

        VireoMetadata read = DomainXmlReader.read(xml).metadata();
        assertThat(read.users()).containsExactly("eve\"/><vireo:user>mallory");
        assertThat(read.groups()).containsExactly("x</vireo:group><devices/>");
        assertThat(Xml.parse(xml).getElementsByTagNameNS("*", "devices").getLength()).isEqualTo(1);
        assertThat(Xml.parse(xml).getElementsByTagNameNS(VireoMetadata.NAMESPACE, "user").getLength()).isEqualTo(1);
    }

    @Test
    void testDriverAcceptsTheWrittenDomainAndKeepsMetadataAndTitle() throws LibvirtException {
        String name = "vireo-writer-roundtrip";
        DomainSpec full = fullSpec();
        DomainSpec spec = new DomainSpec("test", name, UUID.randomUUID().toString(), "Round trip & back", "described",
                full.memoryMib(), full.maxMemoryMib(), full.vcpus(), full.maxVcpus(), full.topology(), "i686",
                full.bootOrder(), full.disks(), full.nics(), full.graphics(), full.video(), full.metadata());
        Connect connect = new Connect("test:///default");
        try {
            Domain domain = connect.domainDefineXML(DomainXmlWriter.write(spec));
            try {
                String described = domain.getXMLDesc(0);

                assertThat(described).contains("https://vireo.dev/xmlns/vm/1");
                DomainDefinition read = DomainXmlReader.read(described);
                assertThat(read.name()).isEqualTo(name);
                assertThat(read.title()).isEqualTo("Round trip & back");
                assertThat(read.metadata()).isEqualTo(METADATA);
                assertThat(read.currentMemoryBytes()).isEqualTo(512 * Units.MIB);
                assertThat(read.diskTargets()).containsExactly("vda", "vdb", "hdc", "hdd");
            } finally {
                domain.undefine();
                domain.free();
            }
        } finally {
            connect.close();
        }
    }
}
