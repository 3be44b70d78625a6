package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.DomainXmlReader;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.BuiltinRole;
import dev.vireo.security.Caller;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VolumeHoldersTest {

    private static final Caller ALICE = new Caller("alice", BuiltinRole.USER.permissions(), Set.of("users"));
    private static final Caller BOB = new Caller("bob", BuiltinRole.USER.permissions(), Set.of("users"));
    private static final Caller AUDITOR = new Caller("carl", BuiltinRole.AUDITOR.permissions(), Set.of("auditors"));

    private static final VolumeSummary ADMIN_DISK = volume("adm1-0.qcow2", "qcow2");
    private static final VolumeSummary ALICE_DISK = volume("web-0.qcow2", "qcow2");
    private static final VolumeSummary ATTACHED = volume("data.raw", "raw");
    private static final VolumeSummary INSTALLER = volume("debian.iso", "iso");
    private static final VolumeSummary SPARE = volume("spare.qcow2", "qcow2");

    /** adm1 (admin's) made adm1-0 and uses data.raw as a disk and debian.iso as a CD-ROM; web (alice's) made web-0. */
    private final VolumeHolders holders = VolumeHolders.of(vms());

    @Test
    void aVolumeAVmMadeOrUsesAsADiskIsHeldByIt() {
        assertThat(holders.of(ADMIN_DISK)).extracting(DomainSummary::name).containsExactly("adm1");
        assertThat(holders.of(ATTACHED)).extracting(DomainSummary::name).containsExactly("adm1");
        assertThat(holders.of(ALICE_DISK)).extracting(DomainSummary::name).containsExactly("web");
        assertThat(holders.isFree(SPARE)).isTrue();
    }

    @Test
    void anIsoImageInACdromDriveStaysSharedMedia() {
        assertThat(holders.isFree(INSTALLER)).isTrue();
        assertThat(holders.visibleTo(BOB, INSTALLER)).isTrue();
        // the same path as a disk's is the VM's data, ISO or not
        VolumeSummary rawOnCdromPath = new VolumeSummary("default-pool", "debian.img", INSTALLER.path(), "raw", 1, 1, "file");
        assertThat(holders.of(rawOnCdromPath)).extracting(DomainSummary::name).containsExactly("adm1");
    }

    @Test
    void onlyWhoMayUseAHolderSeesAHeldVolume() {
        assertThat(holders.visibleTo(ALICE, ALICE_DISK)).isTrue();
        assertThat(holders.visibleTo(BOB, ALICE_DISK)).isFalse();
        assertThat(holders.visibleTo(ALICE, ADMIN_DISK)).isFalse();
        assertThat(holders.visibleTo(ALICE, ATTACHED)).isFalse();
        assertThat(holders.visibleTo(AUDITOR, ADMIN_DISK)).isTrue();
        assertThat(holders.visibleTo(BOB, SPARE)).isTrue();
        assertThat(holders.visibleTo(Caller.ANONYMOUS, ALICE_DISK)).isFalse();
    }

    @Test
    void aVolumeSharedByTwoVmsIsSeenByWhoMayUseEither() {
        Map<DomainSummary, List<DomainDisk>> vms = vms();
        vms.put(domain("bobs", "bob", List.of()), List.of(disk("disk", ATTACHED.path())));
        VolumeHolders shared = VolumeHolders.of(vms);
        assertThat(shared.visibleTo(BOB, ATTACHED)).isTrue();
        assertThat(shared.visibleTo(ALICE, ATTACHED)).isFalse();
        assertThat(shared.usersByPath().get(ATTACHED.path())).containsExactly("adm1", "bobs");
    }

    @Test
    void aRefusalNamesOnlyTheVmsTheCallerMaySee() {
        assertThat(VolumeHolders.describe(List.of("web", "adm1", "web"), vm -> true))
                .isEqualTo("virtual machine adm1, virtual machine web");
        assertThat(VolumeHolders.describe(List.of("web", "adm1"), "web"::equals))
                .isEqualTo("virtual machine web, another virtual machine");
        assertThat(VolumeHolders.describe(List.of("adm1"), "web"::equals)).isEqualTo("a virtual machine");
        assertThat(VolumeHolders.describe(List.of("adm1", "adm2", "web"), "web"::equals))
                .isEqualTo("virtual machine web, 2 other virtual machines");
        assertThat(VolumeHolders.describe(List.of("adm1", "adm2"), vm -> false)).isEqualTo("2 virtual machines");
    }

    private static Map<DomainSummary, List<DomainDisk>> vms() {
        Map<DomainSummary, List<DomainDisk>> vms = new LinkedHashMap<>();
        vms.put(domain("adm1", "admin", List.of(ADMIN_DISK.name())),
                List.of(disk("disk", ADMIN_DISK.path()), disk("disk", ATTACHED.path()), disk("cdrom", INSTALLER.path()),
                        disk("cdrom", null)));
        vms.put(domain("web", "alice", List.of(ALICE_DISK.name())), List.of(disk("disk", ALICE_DISK.path())));
        return vms;
    }

    private static VolumeSummary volume(String name, String format) {
        return new VolumeSummary("default-pool", name, "/pool/" + name, format, 1024, 1024, "file");
    }

    private static DomainDisk disk(String device, String path) {
        return new DomainDisk(device, device.equals("cdrom") ? "hdc" : "vda", path, "virtio", device.equals("cdrom"));
    }

    private static DomainSummary domain(String name, String owner, List<String> volumes) {
        StringBuilder metadata = new StringBuilder("<metadata><vireo:vm xmlns:vireo='https://vireo.dev/xmlns/vm/1'>"
                + "<vireo:owner>" + owner + "</vireo:owner>");
        volumes.forEach(volume -> metadata.append("<vireo:volume pool='default-pool' name='").append(volume).append("'/>"));
        metadata.append("</vireo:vm></metadata>");
        return new DomainSummary(DomainXmlReader.read("<domain type='kvm'><name>" + name + "</name>" + metadata
                + "<memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os>"
                + "<devices/></domain>"), DomainState.SHUTOFF, false, true);
    }
}
