package dev.vireo.config;

import dev.vireo.error.VireoException;
import dev.vireo.host.LocalMachine;
import dev.vireo.libvirt.HostNode;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The host facts Kimchi clients read from the capabilities, each measured on the host when asked. */
final class HostChecks {

    /** Kimchi's least versions for memory hotplug: QEMU 2.1, libvirt 1.2.14. */
    static final long QEMU_HOTPLUG = 2_001_000;
    static final long LIBVIRT_HOTPLUG = 1_002_014;
    private static final String NETWORK_MANAGER = "NetworkManager";
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(HostChecks.class.getName());

    private HostChecks() {
    }

    /** The host machine, when its libvirt answers. */
    static Optional<HostNode> node(HostGateways host) {
        try {
            return Optional.of(host.host().node());
        } catch (VireoException e) {
            return Optional.empty();
        }
    }

    static boolean memoryHotplug(HostNode node) {
        return "QEMU".equalsIgnoreCase(node.hypervisor()) && node.hypervisorVersion() >= QEMU_HOTPLUG
                && node.libvirtVersion() >= LIBVIRT_HOTPLUG;
    }

    /** Whether libvirt shows PCI devices in IOMMU groups; false where it cannot list the host's devices. */
    static boolean iommuGroups(HostGateways host) {
        try {
            return host.host().devices().stream()
                    .anyMatch(device -> device.pci() != null && device.pci().iommuGroup() != null);
        } catch (VireoException e) {
            LOG.fine(() -> "No node devices from " + host.ref().uri() + " for kernel_vfio: " + e.getMessage());
            return false;
        }
    }

    /** Whether a NetworkManager process runs on the host: seen only when the host is this machine. */
    static boolean networkManagerRunning(HostRef host, Path proc) {
        if (!LocalMachine.isLocal(host)) {
            return false;
        }
        try (Stream<Path> processes = Files.list(proc)) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .anyMatch(p -> NETWORK_MANAGER.equals(comm(p)));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static String comm(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
