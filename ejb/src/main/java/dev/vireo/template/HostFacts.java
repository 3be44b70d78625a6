package dev.vireo.template;

import dev.vireo.distro.Distro;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSummary;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What the template rules need to know about the host. */
interface HostFacts {

    Set<String> networks();

    Map<String, PoolSummary> pools();

    long memoryMib();

    Optional<VolumeSummary> volumeAt(String path);

    boolean volumeExists(String pool, String name);

    /**
     * The volume a file of the host that no pool holds yet becomes, when the host takes files by
     * their path (it is this machine); refuses a file that is no readable ISO or disk image.
     */
    default Optional<VolumeSummary> fileAt(String path) {
        return Optional.empty();
    }

    /** The distribution on the ISO image at {@code path}; unknown unless the host can tell. */
    default Distro distroOf(String path) {
        return Distro.UNKNOWN;
    }
}
