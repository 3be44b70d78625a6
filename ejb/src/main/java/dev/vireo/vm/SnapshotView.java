package dev.vireo.vm;

import dev.vireo.libvirt.SnapshotSummary;
import java.io.Serializable;
import java.util.List;

/**
 * A snapshot as the Kimchi API shows it, plus its description and whether it is the current one.
 *
 * @param created seconds since the epoch
 * @param parent  the parent's name, or "" for a root (as the seed says)
 */
public record SnapshotView(String name, String description, long created, String parent, String state,
                           boolean current) implements Serializable {

    static SnapshotView of(SnapshotSummary summary) {
        return new SnapshotView(summary.name(), summary.description(), summary.created(),
                summary.parent() == null ? "" : summary.parent(), summary.state(), summary.current());
    }

    /** A snapshot with the snapshots taken from it, for consoles that draw the tree. */
    public record Node(String name, String description, long created, String state, boolean current,
                       List<Node> children) implements Serializable {
    }
}
