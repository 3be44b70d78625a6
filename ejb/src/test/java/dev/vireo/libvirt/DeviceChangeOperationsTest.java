package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A live detach the guest has not completed is told apart from one that removed the device. */
class DeviceChangeOperationsTest {

    private static final String LIVE = "<domain type='qemu'><name>vm</name><devices>"
            + "<disk type='file' device='disk'><source file='/p/a.qcow2'/><target dev='vda' bus='virtio'/></disk>"
            + "<disk type='file' device='disk'><source file='/p/b.qcow2'/><target dev='vdb' bus='virtio'/></disk>"
            + "<interface type='network'><mac address='52:54:00:AA:BB:CC'/><source network='n'/></interface>"
            + "</devices></domain>";

    @Test
    void aDiskOrNicTheGuestStillHoldsIsStillListed() {
        assertThat(DeviceChangeOperations.stillListed(LIVE,
                "<disk type='file' device='disk'><source file='/p/b.qcow2'/><target dev='vdb' bus='virtio'/></disk>")).isTrue();
        assertThat(DeviceChangeOperations.stillListed(LIVE,
                "<interface type='network'><mac address='52:54:00:aa:bb:cc'/></interface>")).isTrue();
    }

    @Test
    void aDeviceGoneFromTheRunningDomainIsNot() {
        assertThat(DeviceChangeOperations.stillListed(LIVE,
                "<disk type='file' device='disk'><target dev='sdb' bus='scsi'/></disk>")).isFalse();
        assertThat(DeviceChangeOperations.stillListed(LIVE,
                "<interface type='network'><mac address='52:54:00:00:00:01'/></interface>")).isFalse();
        assertThat(DeviceChangeOperations.stillListed("<domain><name>vm</name></domain>",
                "<disk><target dev='vda'/></disk>")).isFalse();
        // kinds without an identity of their own are never claimed to be left behind
        assertThat(DeviceChangeOperations.stillListed(LIVE, "<hostdev mode='subsystem' type='pci'/>")).isFalse();
    }
}
