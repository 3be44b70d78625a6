package dev.vireo.config;

import dev.vireo.libvirt.HostRef;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.HostNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostChecksTest {

    @Test
    void networkManagerIsSeenAmongThisMachinesProcessesOnly(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("1"));
        Files.writeString(proc.resolve("1/comm"), "systemd\n");
        Files.createDirectories(proc.resolve("self"));
        assertThat(HostChecks.networkManagerRunning(HostRef.at("qemu:///system"), proc)).isFalse();

        Files.createDirectories(proc.resolve("812"));
        Files.writeString(proc.resolve("812/comm"), "NetworkManager\n");
        assertThat(HostChecks.networkManagerRunning(HostRef.at("qemu:///system"), proc)).isTrue();
        assertThat(HostChecks.networkManagerRunning(HostRef.at("test:///default"), proc)).isTrue();
        assertThat(HostChecks.networkManagerRunning(HostRef.at("qemu+ssh://kvm1.example/system"), proc)).isFalse();
    }

    @Test
    void memoryHotplugNeedsQemu21AndLibvirt1214() {
        assertThat(HostChecks.memoryHotplug(node("QEMU", 8_002_000, 9_000_000))).isTrue();
        assertThat(HostChecks.memoryHotplug(node("QEMU", 2_000_000, 9_000_000))).isFalse();
        assertThat(HostChecks.memoryHotplug(node("QEMU", 8_002_000, 1_002_013))).isFalse();
        assertThat(HostChecks.memoryHotplug(node("TEST", 8_002_000, 9_000_000))).isFalse();
    }

    private static HostNode node(String hypervisor, long version, long libvirt) {
        return new HostNode("h", "x86_64", "cpu", 2, 1, 2, 1, 2000, 1L << 30, hypervisor, version, libvirt);
    }
}
