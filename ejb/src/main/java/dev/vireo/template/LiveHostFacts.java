package dev.vireo.template;

import dev.vireo.distro.Distro;
import dev.vireo.distro.DistroLabels;
import dev.vireo.libvirt.LibvirtGateway;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VolumeSummary;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The host as the gateway reports it, each fact read at most once per request. */
final class LiveHostFacts implements HostFacts {

    private final LibvirtGateway libvirt;
    private final String uri;
    private Set<String> networks;
    private Map<String, PoolSummary> pools;
    private Long memoryMib;
    private final Map<String, Optional<VolumeSummary>> volumesByPath = new HashMap<>();
    private final Map<String, Boolean> volumes = new HashMap<>();

    LiveHostFacts(LibvirtGateway libvirt) {
        this.libvirt = libvirt;
        this.uri = libvirt.localUri();
    }

    @Override
    public Set<String> networks() {
        if (networks == null) {
            networks = Set.copyOf(libvirt.networkNames(uri));
        }
        return networks;
    }

    @Override
    public Map<String, PoolSummary> pools() {
        if (pools == null) {
            pools = libvirt.pools(uri).stream().collect(Collectors.toMap(PoolSummary::name, Function.identity()));
        }
        return pools;
    }

    @Override
    public long memoryMib() {
        if (memoryMib == null) {
            memoryMib = libvirt.hostMemoryBytes(uri) / Units.MIB;
        }
        return memoryMib;
    }

    @Override
    public Optional<VolumeSummary> volumeAt(String path) {
        return volumesByPath.computeIfAbsent(path, p -> libvirt.volumeAt(uri, p));
    }

    @Override
    public Distro distroOf(String path) {
        return DistroLabels.recognise(libvirt.isoLabel(uri, path).orElse(null));
    }

    @Override
    public boolean volumeExists(String pool, String name) {
        return volumes.computeIfAbsent(pool + "/" + name, key -> libvirt.volume(uri, pool, name).isPresent());
    }
}
