package dev.vireo.storage;

/** The parameters of a volume's clone action: the pool of the copy (default: the volume's) and its name. */
public record VolumeCloneRequest(String pool, String name) {
}
