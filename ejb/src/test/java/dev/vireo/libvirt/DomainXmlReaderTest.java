package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainXmlReaderTest {

    /** As {@code virsh -c test:///default dumpxml test} prints it. */
    private static final String TEST_DRIVER_DOMAIN = """
            <domain type='test' id='1'>
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
              <on_poweroff>destroy</on_poweroff>
              <on_reboot>restart</on_reboot>
              <on_crash>destroy</on_crash>
              <devices>
                <disk type='file' device='disk'>
                  <source file='/guest/diskimage1'/>
                  <target dev='vda' bus='virtio'/>
                  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
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

    /** A QEMU/KVM guest with hot-plug memory, partial vCPUs, a topology and a password-protected VNC display. */
    private static final String QEMU_DOMAIN = """
            <domain type='kvm' xmlns:vireo='https://vireo.dev/xmlns/domain/1'>
              <name>web-01</name>
              <uuid>0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b</uuid>
              <title>Web frontend</title>
              <description>
                Serves the shop &amp; the blog
              </description>
              <metadata>
                <vireo:template>debian-12</vireo:template>
              </metadata>
              <maxMemory slots='16' unit='KiB'>16777216</maxMemory>
              <memory unit='MiB'>4096</memory>
              <currentMemory unit='MiB'>3072</currentMemory>
              <vcpu placement='static' current='2'>8</vcpu>
              <os>
                <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
                <boot dev='cdrom'/>
                <boot dev='hd'/>
                <boot dev='network'/>
                <bootmenu enable='yes' timeout='3000'/>
              </os>
              <cpu mode='host-model' check='partial'>
                <topology sockets='2' dies='1' cores='2' threads='2'/>
              </cpu>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='/var/lib/libvirt/images/web-01.qcow2'/>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <graphics type='vnc' port='5901' autoport='no' passwd='s3cret' passwdValidTo='2030-01-01T00:00:00'>
                  <listen type='address' address='0.0.0.0'/>
                </graphics>
                <video>
                  <model type='virtio' heads='1' primary='yes'/>
                </video>
              </devices>
            </domain>
            """;

    private static DomainDefinition withGraphics(String graphics) {
        return DomainXmlReader.read("""
                <domain type='kvm'>
                  <name>g</name>
                  <memory>1024</memory>
                  <devices>
                    %s
                  </devices>
                </domain>
                """.formatted(graphics));
    }

    @Test
    void readsTheTestDriversDomain() {
        DomainDefinition test = DomainXmlReader.read(TEST_DRIVER_DOMAIN);

        assertThat(test.type()).isEqualTo("test");
        assertThat(test.name()).isEqualTo("test");
        assertThat(test.uuid()).isEqualTo("6695eb01-f6a4-8304-79aa-97f2502e193f");
        assertThat(test.title()).isEmpty();
        assertThat(test.description()).isEmpty();
        assertThat(test.memoryBytes()).isEqualTo(8L * Units.GIB);
        assertThat(test.currentMemoryBytes()).isEqualTo(2L * Units.GIB);
        assertThat(test.maxMemoryBytes()).as("no <maxMemory>: the ceiling is <memory>").isEqualTo(8L * Units.GIB);
        assertThat(test.maxVcpus()).isEqualTo(2);
        assertThat(test.vcpus()).as("no current attribute: all vCPUs are on").isEqualTo(2);
        assertThat(test.topology()).isNull();
        assertThat(test.arch()).isEqualTo("i686");
        assertThat(test.bootOrder()).containsExactly("hd");
        assertThat(test.bootMenu()).isFalse();
        assertThat(test.graphics()).isNull();
    }

    @Test
    void readsNamesAndTextsOfAQemuDomain() {
        DomainDefinition web = DomainXmlReader.read(QEMU_DOMAIN);

        assertThat(web.type()).isEqualTo("kvm");
        assertThat(web.name()).isEqualTo("web-01");
        assertThat(web.uuid()).isEqualTo("0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b");
        assertThat(web.title()).isEqualTo("Web frontend");
        assertThat(web.description()).as("trimmed, entities decoded").isEqualTo("Serves the shop & the blog");
        assertThat(web.arch()).isEqualTo("x86_64");
    }

    @Test
    void convertsEachMemoryElementToBytesInItsOwnUnit() {
        DomainDefinition web = DomainXmlReader.read(QEMU_DOMAIN);

        assertThat(web.memoryBytes()).isEqualTo(4L * Units.GIB);
        assertThat(web.currentMemoryBytes()).isEqualTo(3L * Units.GIB);
        assertThat(web.maxMemoryBytes()).isEqualTo(16L * Units.GIB);
    }

    @Test
    void memoryWithoutUnitIsKibibytesAndCurrentMemoryDefaultsToMemory() {
        DomainDefinition bare = DomainXmlReader.read("""
                <domain type='qemu'>
                  <name>bare</name>
                  <memory>524288</memory>
                </domain>
                """);

        assertThat(bare.memoryBytes()).isEqualTo(512L * Units.MIB);
        assertThat(bare.currentMemoryBytes()).isEqualTo(512L * Units.MIB);
        assertThat(bare.maxMemoryBytes()).isEqualTo(512L * Units.MIB);
    }

    @Test
    void readsCurrentAndMaximumVcpus() {
        DomainDefinition web = DomainXmlReader.read(QEMU_DOMAIN);

        assertThat(web.maxVcpus()).isEqualTo(8);
        assertThat(web.vcpus()).isEqualTo(2);
    }

    @Test
    void aDomainWithoutVcpuElementHasOneVcpu() {
        DomainDefinition bare = DomainXmlReader.read("<domain type='qemu'><name>one</name><memory>1024</memory></domain>");

        assertThat(bare.maxVcpus()).isEqualTo(1);
        assertThat(bare.vcpus()).isEqualTo(1);
    }

    @Test
    void readsTheCpuTopology() {
        DomainDefinition web = DomainXmlReader.read(QEMU_DOMAIN);

        assertThat(web.topology()).isEqualTo(new DomainDefinition.Topology(2, 2, 2));
    }

    @Test
    void keepsTheBootDevicesInDocumentOrderAndTheBootMenu() {
        DomainDefinition web = DomainXmlReader.read(QEMU_DOMAIN);

        assertThat(web.bootOrder()).containsExactly("cdrom", "hd", "network");
        assertThat(web.bootMenu()).isTrue();
    }

    @Test
    void aDisabledBootMenuIsOff() {
        DomainDefinition domain = DomainXmlReader.read("""
                <domain type='qemu'>
                  <name>quiet</name>
                  <memory>1024</memory>
                  <os><type arch='x86_64'>hvm</type><bootmenu enable='no'/></os>
                </domain>
                """);

        assertThat(domain.bootMenu()).isFalse();
        assertThat(domain.bootOrder()).isEmpty();
    }

    @Test
    void readsGraphicsWithPortPasswordAndListenChild() {
        DomainDefinition web = DomainXmlReader.read(QEMU_DOMAIN);

        assertThat(web.graphics()).isEqualTo(
                new DomainDefinition.Graphics("vnc", "0.0.0.0", 5901, "s3cret", "2030-01-01T00:00:00"));
    }

    @Test
    void anAutoportVncDisplayNotYetStartedHasNoPort() {
        DomainDefinition domain = withGraphics("<graphics type='vnc' port='-1' autoport='yes'/>");

        assertThat(domain.graphics().type()).isEqualTo("vnc");
        assertThat(domain.graphics().port()).isNull();
        assertThat(domain.graphics().listen()).isNull();
        assertThat(domain.graphics().passwd()).isNull();
        assertThat(domain.graphics().passwdValidTo()).isNull();
    }

    @Test
    void graphicsWithoutPortAttributeHaveNoPort() {
        DomainDefinition domain = withGraphics("<graphics type='spice' autoport='yes'/>");

        assertThat(domain.graphics().type()).isEqualTo("spice");
        assertThat(domain.graphics().port()).isNull();
    }

    @Test
    void takesTheListenAddressFromTheAttribute() {
        DomainDefinition domain = withGraphics("<graphics type='vnc' port='5900' listen='127.0.0.1'/>");

        assertThat(domain.graphics().listen()).isEqualTo("127.0.0.1");
        assertThat(domain.graphics().port()).isEqualTo(5900);
    }

    @Test
    void prefersTheListenAttributeOverTheListenChild() {
        DomainDefinition domain = withGraphics("""
                <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>
                  <listen type='address' address='0.0.0.0'/>
                </graphics>
                """);

        assertThat(domain.graphics().listen()).isEqualTo("127.0.0.1");
    }

    @Test
    void aListenChildWithoutAddressGivesNoListenAddress() {
        DomainDefinition domain = withGraphics("""
                <graphics type='spice' autoport='yes'>
                  <listen type='network' network='default'/>
                </graphics>
                """);

        assertThat(domain.graphics().listen()).isNull();
    }

    @Test
    void readsOnlyTheFirstGraphicsDevice() {
        DomainDefinition domain = withGraphics("""
                <graphics type='spice' port='5930'/>
                <graphics type='vnc' port='5901'/>
                """);

        assertThat(domain.graphics().type()).isEqualTo("spice");
        assertThat(domain.graphics().port()).isEqualTo(5930);
    }
}
