package dev.vireo.vm;

/** A snapshot to take: both fields optional (the name defaults to the current time in epoch seconds). */
public record SnapshotRequest(String name, String description) {
}
