package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.libvirt.HostRef;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostInterface;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, filters, locality and the small conversions of the host area. */
class HostRulesTest {

    @Test
    void hostObjectNamesTakeDeviceInterfaceAndLvmNames() {
        for (String name : List.of("pci_0000_00_1f_2", "eth0.42", "nvme0n1p2", "vg0-root", "scsi_host1", "vg+data", "a:b")) {
            assertThat(HostObjectName.require("device", name)).isEqualTo(name);
        }
        for (String name : List.of("", "../etc", "a b", "-x", "a;reboot", "a/b", "x".repeat(129))) {
            VireoException refused = catchThrowableOfType(VireoException.class, () -> HostObjectName.require("device", name));
            assertThat(refused.code()).as(name).isEqualTo("HOST0008E");
            assertThat(refused.status()).isEqualTo(400);
        }
    }

    @Test
    void booleanFiltersAreTrueFalseOrAbsent() {
        assertThat(BooleanFilter.parse("_inuse", null)).isNull();
        assertThat(BooleanFilter.parse("_inuse", "TRUE")).isTrue();
        assertThat(BooleanFilter.parse("_inuse", "false")).isFalse();
        VireoException refused = catchThrowableOfType(VireoException.class, () -> BooleanFilter.parse("_inuse", "yes"));
        assertThat(refused.code()).isEqualTo("HOST0016E");
        assertThat(refused.reason()).contains("_inuse=yes");
    }

    @Test
    void aLibvirtUriIsLocalUnlessItNamesAnotherMachine() {
        assertThat(LocalMachine.isLocal(HostRef.at("test:///default"))).isTrue();
        assertThat(LocalMachine.isLocal(HostRef.at("qemu:///system"))).isTrue();
        assertThat(LocalMachine.isLocal(HostRef.at("qemu+unix:///system?socket=/run/x/libvirt-sock"))).isTrue();
        assertThat(LocalMachine.isLocal(HostRef.at("qemu+ssh://root@localhost/system"))).isTrue();
        assertThat(LocalMachine.isLocal(HostRef.at("qemu+ssh://root@kvm7.example.com/system"))).isFalse();
        assertThat(LocalMachine.isLocal(HostRef.at("qemu+tcp://127.0.0.2:1/system"))).isFalse();
        assertThat(LocalMachine.isLocal(HostRef.at("qemu:///sys tem"))).as("unreadable").isFalse();
        assertThat(LocalMachine.isRealLocal(HostRef.at("test:///default"))).isFalse();
        assertThat(LocalMachine.isRealLocal(HostRef.at("qemu:///system"))).isTrue();
        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> LocalMachine.require(HostRef.at("qemu+ssh://kvm7/system"), "Partitions"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).startsWith("Partitions are read on the machine Vireo runs on");
    }

    @Test
    void interfacesShowTheSeedsTypesAndANetmask() {
        HostInterface bond = new HostInterface("bond0", "bond", false, null, "10.1.2.3", 23, List.of("eth1", "eth2"), null);

        assertThat(InterfaceService.view(bond, bond.address(), bond.prefix(), "bonding"))
                .isEqualTo(new InterfaceView("bond0", "bonding", "inactive", "10.1.2.3", "255.255.254.0", "bonding",
                        List.of("eth1", "eth2"), null));
        HostInterface nic = new HostInterface("eth1", "ethernet", true, null, null, null, List.of(), null);
        assertThat(InterfaceService.view(nic, null, null, null))
                .isEqualTo(new InterfaceView("eth1", "nic", "active", "", "", "unknown", List.of(), null));
        assertThat(InterfaceService.netmask(0)).isEqualTo("0.0.0.0");
        assertThat(InterfaceService.netmask(32)).isEqualTo("255.255.255.255");
        assertThat(InterfaceService.netmask(24)).isEqualTo("255.255.255.0");
    }

    @Test
    void versionsAndCpuModel() {
        assertThat(HostService.version(9_000_000)).isEqualTo("9.0.0");
        assertThat(HostService.version(7_002_013)).isEqualTo("7.2.13");
        assertThat(HostService.cpuModelName("processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz\n"))
                .isEqualTo("Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz");
        assertThat(HostService.cpuModelName("processor : 0\ncpu : POWER9\n")).isNull();
    }

    @Test
    void ovsBridgesAreTheLinesOfListBr() {
        assertThat(OvsBridgeService.lines("br-int\nbr-ex\n\n")).containsExactly("br-ex", "br-int");
        assertThat(OvsBridgeService.lines("")).isEmpty();
    }
}
