package dev.vireo.vm;

import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import java.util.List;

/**
 * What a compute pool's storage pool and network change in a new VM of one of its cells: its new
 * disks are made in the pool's storage pool (unless the request names a storage pool itself), and
 * its NICs go onto the pool's network, one NIC where the template had any. A disk that copies a
 * template's volume stays in that volume's pool, where the volume is.
 */
final class ComputePoolShares {

    private ComputePoolShares() {
    }

    static TemplateSettings apply(TemplateSettings settings, String storage, String network, boolean storageNamed) {
        List<TemplateDisk> disks = storage == null || storageNamed ? settings.disks() : settings.disks().stream()
                .map(disk -> disk.volume() != null ? disk
                        : new TemplateDisk(disk.index(), disk.sizeGb(), null, disk.format(), storage))
                .toList();
        List<String> networks = network == null || settings.networks().isEmpty() ? settings.networks() : List.of(network);
        return new TemplateSettings(settings.folder(), settings.icon(), settings.osDistro(), settings.osVersion(),
                settings.memoryMib(), settings.maxMemoryMib(), settings.cdrom(), networks, disks, settings.graphics(),
                settings.vcpus(), settings.maxVcpus(), settings.topology());
    }
}
