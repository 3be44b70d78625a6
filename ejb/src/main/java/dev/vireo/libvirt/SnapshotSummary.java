package dev.vireo.libvirt;

/**
 * A domain snapshot as libvirt describes it.
 *
 * @param state   the domain's state when the snapshot was taken ({@code running}, {@code shutoff}, …)
 * @param created seconds since the epoch
 * @param parent  the parent snapshot's name, or null for a root
 */
public record SnapshotSummary(String name, String description, String state, long created, String parent,
                              boolean current) {
}
