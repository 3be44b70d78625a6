package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GuestDefaultsTest {

    @Test
    void fedoraGetsParavirtualDevices() {
        assertThat(GuestDefaults.forDistro("fedora")).isEqualTo(new GuestDefaults("virtio", "virtio"));
    }

    @Test
    void distroIsMatchedWithoutRegardToCase() {
        assertThat(GuestDefaults.forDistro("Ubuntu")).isEqualTo(new GuestDefaults("virtio", "virtio"));
        assertThat(GuestDefaults.forDistro("UBUNTU")).isEqualTo(GuestDefaults.PARAVIRTUAL);
    }

    @Test
    void windowsGetsEmulatedDevices() {
        assertThat(GuestDefaults.forDistro("windows")).isEqualTo(new GuestDefaults("ide", "e1000"));
    }

    @Test
    void unknownDistroGetsEmulatedDevices() {
        assertThat(GuestDefaults.forDistro("plan9")).isEqualTo(GuestDefaults.EMULATED);
    }

    @Test
    void missingDistroGetsEmulatedDevices() {
        assertThat(GuestDefaults.forDistro(null)).isEqualTo(GuestDefaults.EMULATED);
    }

    @Test
    void cdromsSitOnTheIdeBus() {
        assertThat(GuestDefaults.CDROM_BUS).isEqualTo("ide");
    }

    @Test
    void spiceGetsQxlVideo() {
        assertThat(GuestDefaults.video("spice")).isEqualTo("qxl");
    }

    @Test
    void vncGetsVgaVideo() {
        assertThat(GuestDefaults.video("vnc")).isEqualTo("vga");
    }

    @Test
    void noDisplayTypeGetsVgaVideo() {
        assertThat(GuestDefaults.video(null)).isEqualTo("vga");
    }
}
