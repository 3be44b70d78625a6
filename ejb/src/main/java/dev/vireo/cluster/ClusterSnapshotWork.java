package dev.vireo.cluster;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.cluster.VmClusterSnapshot.Member;
import dev.vireo.task.TaskProgress;
import dev.vireo.vm.SnapshotService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes, reverts or deletes a cluster's snapshot set one member after the other, through
 * {@link SnapshotService} (which authorizes, locks and audits each VM's part). Runs in a task
 * that holds the cluster's lock; its message names the outcome of every member.
 */
final class ClusterSnapshotWork {

    private final SnapshotService snapshots;
    private final ClusterSnapshotRecords records;
    private final String cluster;
    private final String set;
    private final List<Member> members;

    ClusterSnapshotWork(SnapshotService snapshots, ClusterSnapshotRecords records, String cluster, String set,
                        List<Member> members) {
        this.snapshots = snapshots;
        this.records = records;
        this.cluster = cluster;
        this.set = set;
        this.members = List.copyOf(members);
    }

    /**
     * Takes every member's snapshot in start order. All or nothing: when one fails, the later ones
     * are not taken and those taken are deleted again, and no set is recorded.
     */
    String take(String description, Instant created, TaskProgress progress) {
        List<String> outcomes = new ArrayList<>();
        List<Member> taken = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            if (failed) {
                outcomes.add(member.getVm() + " not taken (an earlier member failed)");
                continue;
            }
            progress.report(100 * i / members.size(), "taking snapshot " + set + " of " + member.getVm());
            try {
                snapshots.take(member.getVm(), member.getSnapshot(), description);
                taken.add(member);
                outcomes.add(member.getVm() + " taken");
            } catch (RuntimeException e) {
                failed = true;
                outcomes.add(member.getVm() + " failed: " + ClusterPower.reason(e));
            }
        }
        if (failed) {
            for (Member member : taken) {
                try {
                    snapshots.delete(member.getVm(), member.getSnapshot());
                    outcomes.add(member.getVm() + " deleted again");
                } catch (RuntimeException e) {
                    outcomes.add(member.getVm() + " left with snapshot " + member.getSnapshot() + ": " + ClusterPower.reason(e));
                }
            }
            throw partial("take snapshot set " + set, outcomes);
        }
        records.save(cluster, set, description, created, members);
        return "cluster " + cluster + ": snapshot set " + set + ": " + String.join("; ", outcomes);
    }

    /** Reverts every member to its snapshot in start order, going on past a member that fails. */
    String revert(TaskProgress progress) {
        List<String> outcomes = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            progress.report(100 * i / members.size(), "reverting " + member.getVm() + " to " + member.getSnapshot());
            try {
                snapshots.revert(member.getVm(), member.getSnapshot());
                outcomes.add(member.getVm() + " reverted");
            } catch (RuntimeException e) {
                failed = true;
                outcomes.add(member.getVm() + " failed: " + ClusterPower.reason(e));
            }
        }
        if (failed) {
            throw partial("revert to snapshot set " + set, outcomes);
        }
        return "cluster " + cluster + ": reverted to snapshot set " + set + ": " + String.join("; ", outcomes);
    }

    /**
     * Deletes every member's snapshot, going on past a member that fails; a snapshot (or VM)
     * already gone counts as deleted. The set keeps the members whose snapshots are left, and goes
     * when none is.
     */
    String delete(TaskProgress progress) {
        List<String> outcomes = new ArrayList<>();
        List<Member> left = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Member member = members.get(i);
            progress.report(100 * i / members.size(), "deleting snapshot " + member.getSnapshot() + " of " + member.getVm());
            try {
                snapshots.delete(member.getVm(), member.getSnapshot());
                outcomes.add(member.getVm() + " deleted");
            } catch (VireoException e) {
                if (e.error() == ErrorCode.SNAPSHOT_NOT_FOUND || e.error() == ErrorCode.VM_NOT_FOUND) {
                    outcomes.add(member.getVm() + " was gone");
                } else {
                    left.add(member);
                    outcomes.add(member.getVm() + " failed: " + ClusterPower.reason(e));
                }
            } catch (RuntimeException e) {
                left.add(member);
                outcomes.add(member.getVm() + " failed: " + ClusterPower.reason(e));
            }
        }
        records.keepOnly(cluster, set, left);
        if (!left.isEmpty()) {
            throw partial("delete snapshot set " + set, outcomes);
        }
        return "cluster " + cluster + ": snapshot set " + set + " deleted: " + String.join("; ", outcomes);
    }

    private VireoException partial(String action, List<String> outcomes) {
        return new VireoException(ErrorCode.CLUSTER_PARTIAL, cluster, action, String.join("; ", outcomes));
    }
}
