package dev.vireo.template;

import dev.vireo.distro.Distro;
import dev.vireo.distro.DistroLabels;
import dev.vireo.error.ErrorCode;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.Caller;
import dev.vireo.security.Permission;
import dev.vireo.storage.LocalMedia;
import dev.vireo.storage.VolumeHolders;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The host as the gateway reports it, each fact read at most once per request. */
final class LiveHostFacts implements HostFacts {

    private final HostGateways host;
    private Set<String> networks;
    private Map<String, PoolSummary> pools;
    private Long memoryMib;
    private final Map<String, Optional<VolumeSummary>> volumesByPath = new HashMap<>();
    private final Map<String, Boolean> volumes = new HashMap<>();
    /** Whose view of the volumes these are; null: every volume's. */
    private Caller caller;
    private VolumeHolders holders;
    /** Makes files of this machine known to libvirt; null: only what pools hold is taken. */
    private LocalMedia media;

    LiveHostFacts(HostGateways host) {
        this.host = host;
    }

    /**
     * The host as {@code caller} may know it: a volume of a VM they may not use is absent, so a
     * template they write cannot make it a new VM's base image or CD-ROM.
     */
    static LiveHostFacts seenBy(HostGateways host, Caller caller, LocalMedia media) {
        LiveHostFacts facts = new LiveHostFacts(host);
        facts.caller = caller;
        facts.media = media;
        return facts;
    }

    @Override
    public Optional<VolumeSummary> fileAt(String path) {
        // a file a pool holds is decided by volumeAt (and who may see it); making files known takes storage.manage
        if (media == null || caller == null || !caller.has(Permission.STORAGE_MANAGE)
                || host.storage().volumeAt(path).isPresent()) {
            return Optional.empty();
        }
        Optional<VolumeSummary> volume = Optional.of(media.expose(path, ErrorCode.INVALID_MEDIA)).filter(this::visible);
        volumesByPath.put(path, volume);
        return volume;
    }

    @Override
    public Set<String> networks() {
        if (networks == null) {
            networks = Set.copyOf(host.networks().names());
        }
        return networks;
    }

    @Override
    public Map<String, PoolSummary> pools() {
        if (pools == null) {
            pools = host.storage().pools().stream().collect(Collectors.toMap(PoolSummary::name, Function.identity()));
        }
        return pools;
    }

    @Override
    public long memoryMib() {
        if (memoryMib == null) {
            memoryMib = host.host().memoryBytes() / Units.MIB;
        }
        return memoryMib;
    }

    @Override
    public Optional<VolumeSummary> volumeAt(String path) {
        return volumesByPath.computeIfAbsent(path, p -> host.storage().volumeAt(p).filter(this::visible));
    }

    @Override
    public Distro distroOf(String path) {
        return DistroLabels.recognise(host.storage().isoLabel(path).orElse(null));
    }

    @Override
    public boolean volumeExists(String pool, String name) {
        return volumes.computeIfAbsent(pool + "/" + name,
                key -> host.storage().volume(pool, name).filter(this::visible).isPresent());
    }

    private boolean visible(VolumeSummary volume) {
        if (caller == null || caller.seesEverything()) {
            return true;
        }
        if (holders == null) {
            holders = VolumeHolders.read(host);
        }
        return holders.visibleTo(caller, volume);
    }
}
