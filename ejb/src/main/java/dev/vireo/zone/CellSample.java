package dev.vireo.zone;

import dev.vireo.libvirt.DomainSummary;
import java.time.Instant;
import java.util.List;

/**
 * What the host monitor last read of a host while it answered: its size, its storage pools' room and
 * its domains. Kept when the host goes away, so that its VMs are still known (as last seen).
 *
 * @param diskBytes     the capacity of its active storage pools
 * @param diskUsedBytes what their volumes take of it
 * @param seen          when it was read
 */
public record CellSample(int cpus, long memoryMib, long diskBytes, long diskUsedBytes,
                         List<DomainSummary> domains, Instant seen) {

    /** The domain named, if the host had it. */
    public java.util.Optional<DomainSummary> domain(String name) {
        return domains.stream().filter(domain -> domain.name().equals(name)).findFirst();
    }
}
