package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class DomainXmlEditorTest {

    /** As {@code virsh -c test:///default dumpxml test} prints it. */
    private static final String TEST_DRIVER_DOMAIN = """
            <domain type='test'>
              <name>test</name>
              <uuid>6695eb01-f6a4-8304-79aa-97f2502e193f</uuid>
              <memory unit='KiB'>8388608</memory>
              <currentMemory unit='KiB'>2097152</currentMemory>
              <vcpu placement='static'>2</vcpu>
              <os>
                <type arch='i686'>hvm</type>
                <boot dev='hd'/>
              </os>
              <clock offset='utc'/>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <interface type='network'>
                  <mac address='aa:bb:cc:dd:ee:ff'/>
                  <source network='default'/>
                  <target dev='testnet0'/>
                </interface>
                <memballoon model='virtio'/>
              </devices>
            </domain>
            """;

    /** A VM Vireo made: titled, with a topology, a boot menu, a VNC display on a fixed port and metadata of two tools. */
    private static final String VIREO_DOMAIN = """
            <domain type='kvm'>
              <name>web-01</name>
              <uuid>0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b</uuid>
              <title>Web frontend</title>
              <description>Serves the shop</description>
              <metadata>
                <vireo:vm xmlns:vireo='https://vireo.dev/xmlns/vm/1'>
                  <vireo:template>f40</vireo:template>
                  <vireo:volume pool='default' name='web-01-0.qcow2'/>
                  <vireo:user>old-user</vireo:user>
                  <vireo:group>old-group</vireo:group>
                </vireo:vm>
                <other:x xmlns:other='urn:other' keep='me'>other tool's data</other:x>
              </metadata>
              <memory unit='KiB'>2097152</memory>
              <currentMemory unit='KiB'>1048576</currentMemory>
              <vcpu placement='static' current='2'>4</vcpu>
              <os>
                <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
                <boot dev='hd'/>
                <boot dev='cdrom'/>
                <bootmenu enable='yes' timeout='3000'/>
              </os>
              <features>
                <acpi/>
                <apic/>
              </features>
              <cpu mode='host-model' check='partial'>
                <topology sockets='1' dies='1' cores='2' threads='2'/>
              </cpu>
              <clock offset='utc'/>
              <devices>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/libvirt/images/web-01-0.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <graphics type='vnc' port='5901' autoport='no' listen='0.0.0.0' passwd='old' passwdValidTo='1970-01-01T00:00:00'>
                  <listen type='address' address='0.0.0.0'/>
                </graphics>
                <video>
                  <model type='vga'/>
                </video>
              </devices>
            </domain>
            """;

    /** A {@link DomainChange} with every field null (nothing to change) unless set. */
    private static final class Change {
        private String name;
        private List<String> users;
        private List<String> groups;
        private Integer memoryMib;
        private Integer maxMemoryMib;
        private Integer vcpus;
        private Integer maxVcpus;
        private boolean topologyGiven;
        private DomainDefinition.Topology topology;
        private List<String> bootOrder;
        private Boolean bootMenu;
        private String title;
        private String description;
        private String graphicsType;
        private String passwd;
        private String passwdValidTo;

        Change name(String value) {
            name = value;
            return this;
        }

        Change users(String... values) {
            users = List.of(values);
            return this;
        }

        Change groups(String... values) {
            groups = List.of(values);
            return this;
        }

        Change memory(Integer currentMib, Integer maxMib) {
            memoryMib = currentMib;
            maxMemoryMib = maxMib;
            return this;
        }

        Change vcpus(Integer current, Integer max) {
            vcpus = current;
            maxVcpus = max;
            return this;
        }

        Change topology(DomainDefinition.Topology value) {
            topologyGiven = true;
            topology = value;
            return this;
        }

        Change bootOrder(String... devices) {
            bootOrder = List.of(devices);
            return this;
        }

        Change bootMenu(boolean enabled) {
            bootMenu = enabled;
            return this;
        }

        Change title(String value) {
            title = value;
            return this;
        }

        Change description(String value) {
            description = value;
            return this;
        }

        Change graphicsType(String value) {
            graphicsType = value;
            return this;
        }

        Change passwd(String value, String validTo) {
            passwd = value;
            passwdValidTo = validTo;
            return this;
        }

        DomainChange build() {
            return new DomainChange(name, users, groups, memoryMib, maxMemoryMib, vcpus, maxVcpus, topologyGiven,
                    topology, bootOrder, bootMenu, title, description, null, graphicsType, passwd, passwdValidTo);
        }
    }

    private static String edit(String xml, Change change) {
        DomainXmlEditor editor = new DomainXmlEditor(xml);
        editor.apply(change.build());
        return editor.xml();
    }

    private static Element root(String xml) {
        return Xml.parse(xml).getDocumentElement();
    }

    private static Element graphicsOf(String xml) {
        return Xml.child(Xml.child(root(xml), "devices"), "graphics");
    }

    private static List<String> elementNames(Element parent) {
        List<String> names = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                names.add(element.getTagName());
            }
        }
        return names;
    }

    @Test
    void renameChangesTheNameOnly() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().name("test-renamed"));

        DomainDefinition read = DomainXmlReader.read(edited);
        assertThat(read.name()).isEqualTo("test-renamed");
        assertThat(read.uuid()).isEqualTo("6695eb01-f6a4-8304-79aa-97f2502e193f");
        assertThat(Xml.children(root(edited), "name")).hasSize(1);
    }

    @Test
    void memoryChangeWritesMaximumAndCurrentInMib() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().memory(3072, 4096));

        DomainDefinition read = DomainXmlReader.read(edited);
        assertThat(read.memoryBytes()).isEqualTo(4096 * Units.MIB);
        assertThat(read.currentMemoryBytes()).isEqualTo(3072 * Units.MIB);
        assertThat(Xml.attribute(Xml.child(root(edited), "memory"), "unit")).contains("MiB");
        assertThat(Xml.attribute(Xml.child(root(edited), "currentMemory"), "unit")).contains("MiB");
    }

    @Test
    void currentMemoryAloneLeavesTheMaximum() {
        DomainDefinition read = DomainXmlReader.read(edit(TEST_DRIVER_DOMAIN, new Change().memory(1024, null)));

        assertThat(read.currentMemoryBytes()).isEqualTo(1024 * Units.MIB);
        assertThat(read.memoryBytes()).isEqualTo(8 * Units.GIB);
    }

    @Test
    void vcpusAndMaxVcpusAreWrittenTogether() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().vcpus(3, 4));

        DomainDefinition read = DomainXmlReader.read(edited);
        assertThat(read.maxVcpus()).isEqualTo(4);
        assertThat(read.vcpus()).isEqualTo(3);
        assertThat(Xml.attribute(Xml.child(root(edited), "vcpu"), "placement")).contains("static");
    }

    @Test
    void vcpusAloneSetsTheCurrentCountBelowTheMaximum() {
        DomainDefinition read = DomainXmlReader.read(edit(TEST_DRIVER_DOMAIN, new Change().vcpus(1, null)));

        assertThat(read.vcpus()).isEqualTo(1);
        assertThat(read.maxVcpus()).isEqualTo(2);
    }

    @Test
    void topologyIsAddedToADomainWithoutCpuElement() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().topology(new DomainDefinition.Topology(2, 1, 1)));

        assertThat(DomainXmlReader.read(edited).topology()).isEqualTo(new DomainDefinition.Topology(2, 1, 1));
        assertThat(Xml.children(root(edited), "cpu")).hasSize(1);
        List<String> order = elementNames(root(edited));
        assertThat(order.indexOf("cpu")).isEqualTo(order.indexOf("os") + 1);
    }

    @Test
    void topologyIsChangedInPlaceKeepingTheCpuMode() {
        String edited = edit(VIREO_DOMAIN, new Change().topology(new DomainDefinition.Topology(2, 2, 1)));

        assertThat(DomainXmlReader.read(edited).topology()).isEqualTo(new DomainDefinition.Topology(2, 2, 1));
        Element cpu = Xml.child(root(edited), "cpu");
        assertThat(Xml.children(cpu, "topology")).hasSize(1);
        assertThat(Xml.attribute(cpu, "mode")).contains("host-model");
    }

    @Test
    void topologyGivenAsNullIsRemoved() {
        String edited = edit(VIREO_DOMAIN, new Change().topology(null));

        assertThat(DomainXmlReader.read(edited).topology()).isNull();
        assertThat(Xml.path(root(edited), "cpu", "topology")).isNull();
    }

    @Test
    void topologyNotGivenStaysAsItIs() {
        DomainChange untouched = new DomainChange(null, null, null, null, null, null, null, false,
                new DomainDefinition.Topology(4, 1, 1), null, null, null, null, null, null, null, null);
        DomainXmlEditor editor = new DomainXmlEditor(VIREO_DOMAIN);

        editor.apply(untouched);

        assertThat(DomainXmlReader.read(editor.xml()).topology()).isEqualTo(new DomainDefinition.Topology(1, 2, 2));
    }

    @Test
    void bootOrderIsReplaced() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().bootOrder("cdrom", "network", "hd"));

        assertThat(DomainXmlReader.read(edited).bootOrder()).containsExactly("cdrom", "network", "hd");
        assertThat(Xml.children(Xml.child(root(edited), "os"), "boot")).hasSize(3);
    }

    @Test
    void bootOrderIsWrittenBeforeAnExistingBootMenu() {
        String edited = edit(VIREO_DOMAIN, new Change().bootOrder("network"));

        Element os = Xml.child(root(edited), "os");
        assertThat(elementNames(os)).containsExactly("type", "boot", "bootmenu");
        assertThat(Xml.attribute(Xml.child(os, "boot"), "dev")).contains("network");
        assertThat(Xml.attribute(Xml.child(os, "bootmenu"), "timeout")).contains("3000");
    }

    @Test
    void bootMenuIsAddedEnabled() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().bootMenu(true));

        assertThat(DomainXmlReader.read(edited).bootMenu()).isTrue();
        assertThat(Xml.attribute(Xml.path(root(edited), "os", "bootmenu"), "enable")).contains("yes");
        assertThat(DomainXmlReader.read(edited).bootOrder()).containsExactly("hd");
    }

    @Test
    void bootMenuIsDisabledKeepingItsTimeout() {
        String edited = edit(VIREO_DOMAIN, new Change().bootMenu(false));

        Element menu = Xml.path(root(edited), "os", "bootmenu");
        assertThat(DomainXmlReader.read(edited).bootMenu()).isFalse();
        assertThat(Xml.attribute(menu, "enable")).contains("no");
        assertThat(Xml.attribute(menu, "timeout")).contains("3000");
        assertThat(Xml.children(Xml.child(root(edited), "os"), "bootmenu")).hasSize(1);
    }

    @Test
    void titleAndDescriptionAreAddedToADomainWithout() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().title("Test box").description("For & by tests"));

        DomainDefinition read = DomainXmlReader.read(edited);
        assertThat(read.title()).isEqualTo("Test box");
        assertThat(read.description()).isEqualTo("For & by tests");
    }

    @Test
    void titleAndDescriptionAreReplaced() {
        String edited = edit(VIREO_DOMAIN, new Change().title("Shop").description("The new shop"));

        assertThat(Xml.children(root(edited), "title")).hasSize(1);
        assertThat(Xml.children(root(edited), "description")).hasSize(1);
        assertThat(DomainXmlReader.read(edited).title()).isEqualTo("Shop");
        assertThat(DomainXmlReader.read(edited).description()).isEqualTo("The new shop");
    }

    @Test
    void emptyTitleAndDescriptionRemoveThem() {
        String edited = edit(VIREO_DOMAIN, new Change().title("").description(""));

        assertThat(Xml.child(root(edited), "title")).isNull();
        assertThat(Xml.child(root(edited), "description")).isNull();
    }

    @Test
    void emptyTitleOnADomainWithoutTitleChangesNothing() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().title(""));

        assertThat(Xml.child(root(edited), "title")).isNull();
        assertThat(DomainXmlReader.read(edited)).isEqualTo(DomainXmlReader.read(TEST_DRIVER_DOMAIN));
    }

    @Test
    void hostileTitleStaysText() {
        String title = "</title><devices/><title>";

        String edited = edit(TEST_DRIVER_DOMAIN, new Change().title(title));

        assertThat(DomainXmlReader.read(edited).title()).isEqualTo(title);
        assertThat(Xml.children(root(edited), "devices")).hasSize(1);
    }

    @Test
    void passwordOnADomainWithoutGraphicsCreatesAGraphicsElement() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().passwd("s3cret", "2026-01-01T00:00:30"));

        List<Element> graphics = Xml.children(Xml.child(root(edited), "devices"), "graphics");
        assertThat(graphics).hasSize(1);
        assertThat(Xml.attribute(graphics.get(0), "passwd")).contains("s3cret");
        assertThat(Xml.attribute(graphics.get(0), "passwdValidTo")).contains("2026-01-01T00:00:30");
        assertThat(Xml.attribute(graphics.get(0), "autoport")).contains("yes");
    }

    @Test
    void typeAndPasswordOnADomainWithoutGraphicsCreateACompleteDisplay() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().graphicsType("vnc").passwd("s3cret", "2026-01-01T00:00:30"));

        assertThat(DomainXmlReader.read(edited).graphics()).isEqualTo(
                new DomainDefinition.Graphics("vnc", "127.0.0.1", null, "s3cret", "2026-01-01T00:00:30"));
    }

    @Test
    void passwordReplacesTheOldOneKeepingTypeAndPort() {
        String edited = edit(VIREO_DOMAIN, new Change().passwd("n3w", "2026-01-01T00:10:00"));

        assertThat(DomainXmlReader.read(edited).graphics()).isEqualTo(
                new DomainDefinition.Graphics("vnc", "0.0.0.0", 5901, "n3w", "2026-01-01T00:10:00"));
        assertThat(Xml.children(Xml.child(root(edited), "devices"), "graphics")).hasSize(1);
    }

    @Test
    void typeChangeDropsTheFixedPortForAnAutomaticOne() {
        String edited = edit(VIREO_DOMAIN, new Change().graphicsType("spice"));

        Element graphics = graphicsOf(edited);
        assertThat(Xml.attribute(graphics, "type")).contains("spice");
        assertThat(Xml.attribute(graphics, "port")).isEmpty();
        assertThat(Xml.attribute(graphics, "autoport")).contains("yes");
    }

    @Test
    void typeChangeAloneKeepsThePassword() {
        String edited = edit(VIREO_DOMAIN, new Change().graphicsType("spice"));

        assertThat(DomainXmlReader.read(edited).graphics().passwd()).isEqualTo("old");
        assertThat(DomainXmlReader.read(edited).graphics().passwdValidTo()).isEqualTo("1970-01-01T00:00:00");
    }

    @Test
    void graphicsXmlIsAStandaloneGraphicsElement() {
        DomainXmlEditor editor = new DomainXmlEditor(VIREO_DOMAIN);
        editor.apply(new Change().passwd("n3w", "2026-01-01T00:10:00").build());

        Element graphics = root(editor.graphicsXml());

        assertThat(graphics.getTagName()).isEqualTo("graphics");
        assertThat(graphics.getParentNode()).isEqualTo(graphics.getOwnerDocument());
        assertThat(Xml.attribute(graphics, "type")).contains("vnc");
        assertThat(Xml.attribute(graphics, "passwd")).contains("n3w");
        assertThat(Xml.attribute(graphics, "passwdValidTo")).contains("2026-01-01T00:10:00");
        assertThat(Xml.attribute(Xml.child(graphics, "listen"), "address")).contains("0.0.0.0");
        assertThat(graphics.getElementsByTagName("devices").getLength()).isZero();
    }

    @Test
    void usersAndGroupsReplaceTheOldOnesAndKeepTemplateAndVolumes() {
        String edited = edit(VIREO_DOMAIN, new Change().users("alice", "bob").groups("ops"));

        assertThat(DomainXmlReader.read(edited).metadata()).isEqualTo(new VireoMetadata("f40", null,
                List.of(new VireoMetadata.OwnedVolume("default", "web-01-0.qcow2")),
                List.of("alice", "bob"), List.of("ops")));
    }

    @Test
    void usersAreWrittenInTheVireoNamespace() {
        String edited = edit(VIREO_DOMAIN, new Change().users("alice"));

        Element metadata = Xml.child(root(edited), "metadata");
        assertThat(metadata.getElementsByTagNameNS(VireoMetadata.NAMESPACE, "vm").getLength()).isEqualTo(1);
        assertThat(metadata.getElementsByTagNameNS(VireoMetadata.NAMESPACE, "user").getLength()).isEqualTo(1);
        assertThat(metadata.getElementsByTagNameNS(VireoMetadata.NAMESPACE, "user").item(0).getTextContent())
                .isEqualTo("alice");
    }

    @Test
    void theLiveMetadataIsVireosElementWithoutANamespaceForLibvirtToGiveIt() {
        DomainXmlEditor editor = new DomainXmlEditor(VIREO_DOMAIN);
        editor.apply(new Change().users("alice").build());
        editor.own(new VireoMetadata.OwnedVolume("default", "web-01-extra1"));

        Element vm = root(editor.vireoMetadataXml());
        assertThat(vm.getTagName()).isEqualTo("vm");
        assertThat(vm.getNamespaceURI()).isNull();
        assertThat(editor.vireoMetadataXml()).doesNotContain("xmlns");
        assertThat(Xml.text(vm, "template")).contains("f40");
        assertThat(Xml.children(vm, "user")).extracting(Element::getTextContent).containsExactly("alice");
        assertThat(Xml.children(vm, "volume")).extracting(volume -> volume.getAttribute("name"))
                .containsExactly("web-01-0.qcow2", "web-01-extra1");
    }

    @Test
    void usersAloneKeepTheGroups() {
        String edited = edit(VIREO_DOMAIN, new Change().users("alice"));

        VireoMetadata metadata = DomainXmlReader.read(edited).metadata();
        assertThat(metadata.users()).containsExactly("alice");
        assertThat(metadata.groups()).containsExactly("old-group");
    }

    @Test
    void emptyUserListRemovesAllUsers() {
        DomainChange noUsers = new DomainChange(null, List.of(), null, null, null, null, null, false, null, null,
                null, null, null, null, null, null, null);
        DomainXmlEditor editor = new DomainXmlEditor(VIREO_DOMAIN);

        editor.apply(noUsers);

        assertThat(DomainXmlReader.read(editor.xml()).metadata().users()).isEmpty();
        assertThat(DomainXmlReader.read(editor.xml()).metadata().groups()).containsExactly("old-group");
    }

    @Test
    void anotherToolsMetadataIsLeftUntouched() {
        String edited = edit(VIREO_DOMAIN, new Change().users("alice").groups("ops"));

        Element metadata = Xml.child(root(edited), "metadata");
        List<Element> others = Xml.children(metadata, "x");
        assertThat(others).hasSize(1);
        assertThat(others.get(0).getNamespaceURI()).isEqualTo("urn:other");
        assertThat(Xml.attribute(others.get(0), "keep")).contains("me");
        assertThat(others.get(0).getTextContent()).isEqualTo("other tool's data");
    }

    @Test
    void usersOnADomainWithoutMetadataCreateTheVireoMetadata() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().users("alice").groups("ops"));

        assertThat(DomainXmlReader.read(edited).metadata())
                .isEqualTo(new VireoMetadata(null, null, List.of(), List.of("alice"), List.of("ops")));
        assertThat(Xml.children(root(edited), "metadata")).hasSize(1);
    }

    @Test
    void changeWithNothingSetLeavesTheTestDomainAsItWas() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change());

        assertThat(DomainXmlReader.read(edited)).isEqualTo(DomainXmlReader.read(TEST_DRIVER_DOMAIN));
    }

    @Test
    void changeWithNothingSetLeavesAVireoDomainAsItWas() {
        String edited = edit(VIREO_DOMAIN, new Change());

        assertThat(DomainXmlReader.read(edited)).isEqualTo(DomainXmlReader.read(VIREO_DOMAIN));
        assertThat(Xml.children(Xml.child(root(edited), "metadata"), "x")).hasSize(1);
        assertThat(Xml.attribute(graphicsOf(edited), "port")).contains("5901");
    }

    @Test
    void untouchedDevicesStayAsTheyWere() {
        String edited = edit(TEST_DRIVER_DOMAIN, new Change().name("other").memory(1024, 2048).vcpus(1, 2));

        Element devices = Xml.child(root(edited), "devices");
        assertThat(elementNames(devices)).containsExactly("disk", "interface", "memballoon");
        Element iface = Xml.child(devices, "interface");
        assertThat(Xml.attribute(Xml.child(iface, "mac"), "address")).contains("aa:bb:cc:dd:ee:ff");
        assertThat(Xml.attribute(Xml.path(devices, "disk", "source"), "file")).contains("/guest/diskimage1");
    }

    @Test
    void raisingOnlyTheVcpuMaximumKeepsTheCurrentCount() {
        DomainDefinition read = DomainXmlReader.read(edit(TEST_DRIVER_DOMAIN, new Change().vcpus(null, 4)));
        assertThat(read.maxVcpus()).isEqualTo(4);
        assertThat(read.vcpus()).isEqualTo(2);
    }

    @Test
    void onAHotplugDomainTheMaximumGoesToMaxMemoryAndMemoryFollowsTheCurrentSize() {
        String hotplug = TEST_DRIVER_DOMAIN.replace("<memory unit='KiB'>8388608</memory>",
                "<maxMemory slots='16' unit='KiB'>16777216</maxMemory><memory unit='KiB'>4194304</memory>");
        DomainDefinition read = DomainXmlReader.read(edit(hotplug, new Change().memory(6144, 12288)));
        assertThat(read.maxMemoryBytes()).isEqualTo(12288L * 1024 * 1024);
        assertThat(read.currentMemoryBytes()).isEqualTo(6144L * 1024 * 1024);
        assertThat(read.memoryBytes()).isEqualTo(6144L * 1024 * 1024);
    }
}
