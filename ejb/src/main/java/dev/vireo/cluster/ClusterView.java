package dev.vireo.cluster;

import java.time.Instant;
import java.util.List;

/**
 * A cluster with its members in start order.
 *
 * @param state {@code running} when every member runs, {@code shutoff} when every member is shut
 *              off, {@code empty} without members, else {@code partial}
 */
public record ClusterView(String name, String description, String state, List<ClusterMemberView> vms,
                          Instant created) {

    static String rollUp(List<ClusterMemberView> members) {
        if (members.isEmpty()) {
            return "empty";
        }
        String first = members.get(0).state();
        boolean same = members.stream().allMatch(member -> member.state().equals(first));
        return same && ("running".equals(first) || "shutoff".equals(first)) ? first : "partial";
    }
}
