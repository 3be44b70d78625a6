package dev.vireo.zone;

/** Changes to a managed host; null leaves a field as it is. A disabled host takes no new VMs. */
public record HostUpdate(Boolean enabled, String uri) {
}
