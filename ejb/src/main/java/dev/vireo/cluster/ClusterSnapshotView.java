package dev.vireo.cluster;

import java.time.Instant;
import java.util.List;

/** A snapshot set of a cluster: the snapshot of each member taken together. */
public record ClusterSnapshotView(String name, String description, Instant created, List<Member> vms) {

    public static final String CURRENT = "current";
    public static final String PRESENT = "present";
    public static final String MISSING = "missing";
    public static final String UNKNOWN = "unknown";

    /**
     * A member's snapshot in the set.
     *
     * @param state {@link #CURRENT} when it is the VM's current snapshot, {@link #PRESENT} when it
     *              exists but is not current, {@link #MISSING} when the VM or its snapshot is gone,
     *              {@link #UNKNOWN} when the caller may not see the VM or its host cannot be reached
     */
    public record Member(String vm, String snapshot, String state) {
    }
}
