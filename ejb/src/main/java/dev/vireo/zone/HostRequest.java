package dev.vireo.zone;

/**
 * A host to register: its name, its libvirt URI, and the compute pool it joins ({@code default} when
 * none is named); enabled unless it says otherwise.
 */
public record HostRequest(String name, String uri, String pool, Boolean enabled) {
}
