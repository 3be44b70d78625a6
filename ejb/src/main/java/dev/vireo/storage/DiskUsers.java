package dev.vireo.storage;

import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.LibvirtGateway;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which VMs use which disk files. It reads each VM's disks once per call: fine for tens of VMs;
 * for thousands the paths belong in the domain cache.
 */
final class DiskUsers {

    private DiskUsers() {
    }

    static Map<String, List<String>> byPath(LibvirtGateway libvirt) {
        Map<String, List<String>> users = new HashMap<>();
        for (DomainSummary domain : libvirt.domains(libvirt.localUri())) {
            for (DomainDisk disk : libvirt.disks(libvirt.localUri(), domain.name()).orElse(List.of())) {
                if (disk.path() != null) {
                    users.computeIfAbsent(disk.path(), path -> new ArrayList<>()).add(domain.name());
                }
            }
        }
        return users;
    }
}
