package dev.vireo.cluster;

/**
 * A member of a cluster as it is now.
 *
 * @param position its place in the start order, from 0
 * @param state    the VM's state ({@code running}, {@code shutoff}, …), {@code unknown} when its host
 *                 cannot be reached, {@link #MISSING} when there is no such VM (any more)
 * @param host     the host it lives on, null when missing
 */
public record ClusterMemberView(String name, int position, String state, String host) {

    public static final String MISSING = "missing";
}
