package dev.vireo.cluster;

/**
 * A snapshot set to take of a cluster: both fields optional.
 *
 * @param name the set's name, which is also each member's snapshot name (the current time in epoch
 *             seconds when left out)
 */
public record ClusterSnapshotRequest(String name, String description) {
}
