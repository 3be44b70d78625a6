package dev.vireo.zone;

import java.util.List;

/**
 * A compute pool to create (Nano's attributes): the hosts it takes at once, the storage pool and
 * network its hosts share, its network mode ({@code plain}, {@code share}, {@code mono}) and failover,
 * and the address pool its guests' NICs get their addresses from.
 */
public record ComputePoolRequest(String name, List<String> hosts, String storage, String network, String networkMode,
                                 Boolean failover, Boolean enabled, String addressPool) {
}
