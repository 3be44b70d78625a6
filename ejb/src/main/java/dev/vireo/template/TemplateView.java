package dev.vireo.template;

import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.Serializable;
import java.util.List;

/**
 * A template as the Kimchi API shows it. Pools appear as Kimchi URIs
 * ({@code /plugins/kimchi/storagepools/default}); memory in MiB; disk sizes in GB.
 *
 * @param invalid what the template names that the host no longer has, computed when read
 * @param version the stored version, sent as the ETag (not in the body)
 */
public record TemplateView(
        String name,
        List<String> folder,
        String icon,
        String osDistro,
        String osVersion,
        Memory memory,
        String cdrom,
        String storagepool,
        List<String> networks,
        List<Disk> disks,
        Graphics graphics,
        CpuInfo cpuInfo,
        Invalid invalid,
        @JsonbTransient long version) implements Serializable {

    static final String POOL_URI = "/plugins/kimchi/storagepools/";

    public record Memory(int current, int maxmemory) implements Serializable {
    }

    public record Disk(int index, Integer size, String volume, String format, Pool pool) implements Serializable {
    }

    public record Pool(String name, String type) implements Serializable {
    }

    public record Graphics(String type, String listen) implements Serializable {
        static final Graphics NONE = new Graphics(null, null);
    }

    public record CpuInfo(int vcpus, int maxvcpus, Topology topology) implements Serializable {
    }

    public record Topology(int sockets, int cores, int threads) implements Serializable {
    }

    public record Invalid(List<String> networks, List<String> cdrom, List<String> disks, List<String> storagepools) implements Serializable {
    }

    static TemplateView of(String name, long version, TemplateSettings settings, HostFacts host) {
        List<Disk> disks = settings.disks().stream().map(disk -> new Disk(disk.index(), disk.sizeGb(), disk.volume(),
                disk.format(), new Pool(POOL_URI + disk.pool(), poolType(host, disk.pool())))).toList();
        TemplateSettings.Topology topology = settings.topology();
        return new TemplateView(name, settings.folder(), settings.icon(), settings.osDistro(), settings.osVersion(),
                new Memory(settings.memoryMib(), settings.maxMemoryMib()),
                settings.cdrom(),
                settings.disks().isEmpty() ? null : POOL_URI + settings.disks().get(0).pool(),
                settings.networks(),
                disks,
                settings.graphics() == null ? Graphics.NONE
                        : new Graphics(settings.graphics().type(), settings.graphics().listen()),
                new CpuInfo(settings.vcpus(), settings.maxVcpus(), topology == null ? null
                        : new Topology(topology.sockets(), topology.cores(), topology.threads())),
                invalid(settings, host),
                version);
    }

    private static String poolType(HostFacts host, String pool) {
        var summary = host.pools().get(pool);
        return summary == null ? null : summary.type();
    }

    private static Invalid invalid(TemplateSettings settings, HostFacts host) {
        List<String> networks = settings.networks().stream().filter(n -> !host.networks().contains(n)).toList();
        List<String> cdrom = TemplateRules.pathOf(settings.cdrom())
                .filter(path -> host.volumeAt(path).isEmpty()).stream().toList();
        List<String> pools = settings.disks().stream().map(TemplateDisk::pool).distinct()
                .filter(pool -> !host.pools().containsKey(pool)).toList();
        List<String> volumes = settings.disks().stream()
                .filter(disk -> disk.volume() != null && host.pools().containsKey(disk.pool())
                        && !host.volumeExists(disk.pool(), disk.volume()))
                .map(TemplateDisk::volume).toList();
        return new Invalid(networks, cdrom, volumes, pools);
    }
}
