package dev.vireo.zone;

import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.Units;
import java.util.Collection;
import java.util.Set;

/**
 * What a host's domains take of it: the current memory and the vCPUs of those that run or are
 * paused (a shut-off domain takes nothing). Placement and the status roll-ups count alike.
 */
public record CellLoad(long memoryMib, int cpus) {

    /** Domain states whose current memory and vCPUs the host spends. */
    private static final Set<DomainState> USING_HOST = Set.of(DomainState.RUNNING, DomainState.BLOCKED,
            DomainState.PAUSED, DomainState.SHUTDOWN);

    public static CellLoad of(Collection<DomainSummary> domains) {
        long bytes = 0;
        int cpus = 0;
        for (DomainSummary domain : domains) {
            if (USING_HOST.contains(domain.state())) {
                bytes += domain.definition().currentMemoryBytes();
                cpus += domain.definition().vcpus();
            }
        }
        return new CellLoad(bytes / Units.MIB, cpus);
    }
}
