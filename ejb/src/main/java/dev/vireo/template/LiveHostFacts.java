package dev.vireo.template;

import dev.vireo.distro.Distro;
import dev.vireo.distro.DistroLabels;
import dev.vireo.error.ErrorCode;
import dev.vireo.libvirt.LibvirtGateway;
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

    private final LibvirtGateway libvirt;
    private final String uri;
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

    LiveHostFacts(LibvirtGateway libvirt) {
        this.libvirt = libvirt;
        this.uri = libvirt.localUri();
    }

    /**
     * The host as {@code caller} may know it: a volume of a VM they may not use is absent, so a
     * template they write cannot make it a new VM's base image or CD-ROM.
     */
    static LiveHostFacts seenBy(LibvirtGateway libvirt, Caller caller, LocalMedia media) {
        LiveHostFacts facts = new LiveHostFacts(libvirt);
        facts.caller = caller;
        facts.media = media;
        return facts;
    }

    @Override
    public Optional<VolumeSummary> fileAt(String path) {
        // a file a pool holds is decided by volumeAt (and who may see it); making files known takes storage.manage
        if (media == null || caller == null || !caller.has(Permission.STORAGE_MANAGE)
                || libvirt.volumeAt(uri, path).isPresent()) {
            return Optional.empty();
        }
        Optional<VolumeSummary> volume = Optional.of(media.expose(path, ErrorCode.INVALID_MEDIA)).filter(this::visible);
        volumesByPath.put(path, volume);
        return volume;
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
        return volumesByPath.computeIfAbsent(path, p -> libvirt.volumeAt(uri, p).filter(this::visible));
    }

    @Override
    public Distro distroOf(String path) {
        return DistroLabels.recognise(libvirt.isoLabel(uri, path).orElse(null));
    }

    @Override
    public boolean volumeExists(String pool, String name) {
        return volumes.computeIfAbsent(pool + "/" + name,
                key -> libvirt.volume(uri, pool, name).filter(this::visible).isPresent());
    }

    private boolean visible(VolumeSummary volume) {
        if (caller == null || caller.seesEverything()) {
            return true;
        }
        if (holders == null) {
            holders = VolumeHolders.read(libvirt);
        }
        return holders.visibleTo(caller, volume);
    }
}
