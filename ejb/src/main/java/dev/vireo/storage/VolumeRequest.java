package dev.vireo.storage;

/**
 * A volume to create: exactly one of {@code capacity} (bytes, with {@code format} and
 * {@code allocation}, bytes allocated at once), {@code url} or {@code upload}; or the parameter
 * of the resize action ({@code size}, bytes).
 */
public record VolumeRequest(String name, Long capacity, String format, String url, Boolean upload, Long size,
                            Long allocation) {
}
