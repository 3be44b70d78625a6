package dev.vireo.cluster;

/**
 * A VM to put into a cluster: an existing one, or one made from a template.
 *
 * @param name     the existing VM; with {@code template}, the new VM's name (derived from the
 *                 template when left out)
 * @param position where it goes in the start order, counted from 0 (last when left out)
 * @param template the template (its name or URI) to make the VM from; left out for an existing VM
 */
public record ClusterMemberRequest(String name, Integer position, String template) {
}
