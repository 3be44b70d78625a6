package dev.vireo.host;

/**
 * A VM a host device is assigned to.
 *
 * @param state {@code running} while the VM is active, else {@code shutdown} (the seed's two words)
 */
public record VmHolderView(String name, String state) {
}
