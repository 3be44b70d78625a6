package dev.vireo.zone;

import java.time.Instant;

/**
 * The status roll-ups as the API shows them. Usage sums the hosts that answer now: a host that
 * cannot be reached adds its VMs to {@code unknown} and nothing to the totals.
 */
public final class ZoneStatusViews {

    private ZoneStatusViews() {
    }

    /**
     * How many hosts: enabled or disabled (for new VMs), alive (connected now) or down (not reachable
     * now), and online: alive and enabled, i.e. taking new VMs.
     */
    public record Cells(int total, int enabled, int disabled, int alive, int down, int online) {
    }

    /** How many compute pools, enabled or disabled. */
    public record Pools(int total, int enabled, int disabled) {
    }

    /**
     * How many VMs by state: running (running, blocked, shutting down), paused (paused, suspended),
     * stopped (shut off, crashed), unknown (on a host that cannot be reached now, or in no state); and
     * how many of them a migration task is moving now.
     */
    public record Instances(int total, int running, int paused, int stopped, int unknown, int migrating) {
    }

    /**
     * What the hosts have and what their VMs take: CPUs and memory (MiB) taken by the VMs that run or
     * are paused; disk (bytes) of the active storage pools and what their volumes take.
     */
    public record Usage(int cpus, int cpusUsed, long memoryMib, long memoryUsedMib, long memoryFreeMib, long diskBytes,
                        long diskUsedBytes) {
    }

    /**
     * A host's status.
     *
     * @param state    its connection's state ({@code connected}, {@code reconnecting}, {@code down}, {@code not connected})
     * @param since    since when it cannot be reached; null while connected
     * @param lastSeen when its size, storage and VMs were last read; null before the first read
     */
    public record CellStatus(String name, String pool, String uri, boolean enabled, boolean alive, String state,
                             Instant since, Instant lastSeen, Instances instances, Usage usage) {
    }

    public record PoolStatus(String name, boolean enabled, Cells cells, Instances instances, Usage usage) {
    }

    /** @param started when this Vireo server started */
    public record ZoneStatus(Pools pools, Cells cells, Instances instances, Usage usage, Instant started) {
    }

    /**
     * A VM as the status of its pool or host shows it.
     *
     * @param state    its libvirt state as the VM API names it, or {@code unknown} on a host that cannot be reached
     * @param lastSeen when its host last showed it, for a VM on a host that cannot be reached; else null
     */
    public record InstanceStatus(String name, String id, String pool, String host, String state, boolean running,
                                 int cores, long memoryMib, boolean autoStart, String displayProtocol, Instant lastSeen) {
    }
}
