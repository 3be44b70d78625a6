package dev.vireo.cluster;

/**
 * A VM to add to a cluster.
 *
 * @param position where it goes in the start order, counted from 0 (last when left out)
 */
public record ClusterMemberRequest(String name, Integer position) {
}
