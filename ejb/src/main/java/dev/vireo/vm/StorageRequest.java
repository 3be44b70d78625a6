package dev.vireo.vm;

/**
 * A storage device to attach: a {@code cdrom} with {@code path} (an ISO volume's path or a URL),
 * or a {@code disk} with {@code pool} and {@code vol}.
 */
public record StorageRequest(String type, String path, String pool, String vol) {
}
