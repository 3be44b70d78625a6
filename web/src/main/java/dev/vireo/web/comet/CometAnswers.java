package dev.vireo.web.comet;

import dev.vireo.cluster.ClusterMemberView;
import dev.vireo.cluster.ClusterSnapshotView;
import dev.vireo.cluster.ClusterView;
import dev.vireo.vm.StorageView;
import dev.vireo.vm.VmView;
import java.util.List;

/** Comet's shapes of clusters and their VMs: summaries carry the link to the full resource. */
public final class CometAnswers {

    static final List<String> CLUSTER_ACTIONS = List.of("start", "stop");
    static final List<String> VM_ACTIONS = List.of("start", "poweroff", "shutdown", "reset", "stop");
    static final List<String> SNAPSHOT_SET_ACTIONS = List.of("revert");
    static final List<String> STORAGE_ACTIONS = List.of("unmap");

    private CometAnswers() {
    }

    /** A cluster in a listing. */
    public record ClusterSummary(String name, String state, String href) {
    }

    /** A cluster in full: its VMs in start order. */
    public record Cluster(String name, String description, String state, List<VmSummary> vms, List<String> actions,
                   String href) {
    }

    /** A VM in a cluster's listing. */
    public record VmSummary(String name, String state, String href) {
    }

    /**
     * A VM in full, as Comet describes it.
     *
     * @param memory MiB assigned to it
     * @param screenshot the link to a PNG of its screen while it runs, else null
     */
    public record Vm(String name, String state, long memory, int cpus, String screenshot, String host, List<String> actions,
              String href) {
    }

    /** A snapshot set of a cluster: each member's snapshot, with its state and the VM's link. */
    public record SnapshotSet(String name, String description, long created, List<SnapshotSetMember> vms,
                              List<String> actions, String href) {
    }

    /** @param state current, present, missing or unknown */
    public record SnapshotSetMember(String name, String snapshot, String state, String href) {
    }

    /**
     * A storage of a cluster's VM, named by its device.
     *
     * @param capacity the volume's size in bytes, null when no pool's volume backs it
     */
    public record Storage(String dev, String type, String pool, String vol, String path, Long capacity,
                          List<String> actions, String href) {
    }

    static String clusterHref(String cluster) {
        return CometPathAlias.ROOT + "/cluster/" + cluster;
    }

    static String vmHref(String cluster, String vm) {
        return clusterHref(cluster) + "/vms/" + vm;
    }

    static String snapshotSetHref(String cluster, String set) {
        return clusterHref(cluster) + "/snapshots/" + set;
    }

    static SnapshotSet snapshotSet(String cluster, ClusterSnapshotView set) {
        return new SnapshotSet(set.name(), set.description(), set.created().getEpochSecond(),
                set.vms().stream().map(member -> new SnapshotSetMember(member.vm(), member.snapshot(), member.state(),
                        vmHref(cluster, member.vm()))).toList(),
                SNAPSHOT_SET_ACTIONS, snapshotSetHref(cluster, set.name()));
    }

    static Storage storage(String cluster, String vm, StorageView storage) {
        return new Storage(storage.dev(), storage.type(), storage.pool(), storage.vol(), storage.path(), storage.capacity(),
                STORAGE_ACTIONS, vmHref(cluster, vm) + "/storages/" + storage.dev());
    }

    static ClusterSummary summary(ClusterView cluster) {
        return new ClusterSummary(cluster.name(), cluster.state(), clusterHref(cluster.name()));
    }

    static Cluster cluster(ClusterView cluster) {
        return new Cluster(cluster.name(), cluster.description(), cluster.state(),
                cluster.vms().stream().map(member -> vmSummary(cluster.name(), member)).toList(), CLUSTER_ACTIONS,
                clusterHref(cluster.name()));
    }

    static VmSummary vmSummary(String cluster, ClusterMemberView member) {
        return new VmSummary(member.name(), member.state(), vmHref(cluster, member.name()));
    }

    static Vm vm(String cluster, VmView vm) {
        String screenshot = vm.screenshot() == null ? null : "/api/vms/" + vm.name() + "/screenshot";
        return new Vm(vm.name(), vm.state(), vm.memory() == null ? 0 : vm.memory().current(),
                vm.cpuInfo() == null ? 0 : vm.cpuInfo().vcpus(), screenshot, vm.host(), VM_ACTIONS, vmHref(cluster, vm.name()));
    }
}
