package dev.vireo.zone;

/**
 * Changes to a compute pool; null leaves a field as it is, an empty {@code storage}, {@code network} or
 * {@code address_pool} clears it. A disabled pool takes no new VMs.
 */
public record ComputePoolUpdate(Boolean enabled, String storage, String network, String networkMode, Boolean failover,
                                String addressPool) {
}
