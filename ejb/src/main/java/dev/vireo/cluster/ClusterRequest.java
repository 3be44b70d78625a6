package dev.vireo.cluster;

import java.util.List;

/**
 * A cluster to create, or the parameters of one to change (those left out stay as they are).
 *
 * @param vms the members' names in start order; a change replaces the whole order
 */
public record ClusterRequest(String name, String description, List<String> vms) {
}
