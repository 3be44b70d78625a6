package dev.vireo.storage;

/** A storage server that defined pools use; {@code port} only for an iSCSI portal that names one. */
public record StorageServerView(String host, Integer port) {
}
