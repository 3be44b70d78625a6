package dev.vireo.zone;

import java.util.List;

/**
 * A compute pool to create (Nano's attributes): the hosts it takes at once, the storage pool and
 * network its hosts share, its network mode ({@code plain}, {@code share}, {@code mono}) and failover.
 */
public record ComputePoolRequest(String name, List<String> hosts, String storage, String network, String networkMode,
                                 Boolean failover, Boolean enabled) {
}
