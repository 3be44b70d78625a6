package dev.vireo.libvirt;

/**
 * A running domain's cumulative counters at one instant; rates come from two of them.
 *
 * @param memoryUsedPercent the guest's own view when its balloon driver reports it, else the
 *                          host's (resident memory over assigned memory); null when neither is known
 */
public record DomainCounters(String name, long sampledAtNanos, long cpuTimeNanos, int vcpus,
                             Double memoryUsedPercent, long networkBytes, long diskBytes) {
}
