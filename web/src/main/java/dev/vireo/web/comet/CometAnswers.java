package dev.vireo.web.comet;

import dev.vireo.cluster.ClusterMemberView;
import dev.vireo.cluster.ClusterSnapshotView;
import dev.vireo.cluster.ClusterView;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StorageServerView;
import dev.vireo.storage.StorageTargetView;
import dev.vireo.storage.VolumeView;
import dev.vireo.vm.SnapshotView;
import dev.vireo.vm.StorageView;
import dev.vireo.vm.VmView;
import java.util.List;

/** Comet's shapes of clusters and their VMs: summaries carry the link to the full resource. */
public final class CometAnswers {

    static final List<String> CLUSTER_ACTIONS = List.of("start", "stop");
    static final List<String> VM_ACTIONS = List.of("start", "poweroff", "shutdown", "reset", "stop");
    static final List<String> SNAPSHOT_SET_ACTIONS = List.of("revert");
    static final List<String> STORAGE_ACTIONS = List.of("unmap");
    static final List<String> VM_SNAPSHOT_ACTIONS = List.of("revert");
    static final List<String> POOL_ACTIONS = List.of("activate", "deactivate");

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

    /**
     * A snapshot of a cluster's VM.
     *
     * @param created seconds since the epoch
     * @param parent  the parent snapshot's name, "" for none
     */
    public record Snapshot(String name, String description, long created, String parent, String state, boolean current,
                           List<String> actions, String href) {
    }

    /** A storage pool in a listing. */
    public record PoolSummary(String name, String state, String href) {
    }

    /**
     * A storage pool in full; sizes in bytes, null for the reserved pool of ISO images.
     *
     * @param state active or inactive
     */
    public record Pool(String name, String state, String path, Long capacity, Long allocated, Long available,
                       List<String> actions, String href) {
    }

    /** A storage volume in a listing. */
    public record VolumeSummary(String name, String state, String href) {
    }

    /**
     * A storage volume in full.
     *
     * @param state    mapped (a VM's disk) or unmapped
     * @param host     the host of the VMs it is attached to; null while unmapped
     * @param zpool    the pool that holds it
     * @param target   the iSCSI target of that pool, null for any other kind of pool
     * @param capacity its size in bytes
     * @param usedBy   the VMs whose disk it is
     */
    public record Volume(String name, String state, String host, String zpool, String target, long capacity,
                         List<String> usedBy, String href) {
    }

    /** A storage server that defined pools use. */
    public record StorageServer(String host, Integer port, String storagezpools, String href) {
    }

    /** A storage target found on a server: an NFS export or iSCSI target. */
    public record StorageZpool(String host, String zpool, String type) {
    }

    static String snapshotHref(String cluster, String vm, String snapshot) {
        return vmHref(cluster, vm) + "/snapshots/" + snapshot;
    }

    static Snapshot snapshot(String cluster, String vm, SnapshotView snapshot) {
        return new Snapshot(snapshot.name(), snapshot.description(), snapshot.created(), snapshot.parent(), snapshot.state(),
                snapshot.current(), VM_SNAPSHOT_ACTIONS, snapshotHref(cluster, vm, snapshot.name()));
    }

    static String poolHref(String pool) {
        return CometPathAlias.ROOT + "/storagepools/" + pool;
    }

    static String volumeHref(String pool, String volume) {
        return poolHref(pool) + "/storagevolumes/" + volume;
    }

    static PoolSummary poolSummary(PoolView pool) {
        return new PoolSummary(pool.name(), pool.state(), poolHref(pool.name()));
    }

    static Pool pool(PoolView pool) {
        return new Pool(pool.name(), pool.state(), pool.path(), pool.capacity(), pool.allocated(), pool.available(),
                POOL_ACTIONS, poolHref(pool.name()));
    }

    static VolumeSummary volumeSummary(String pool, VolumeView volume) {
        return new VolumeSummary(volume.name(), mapped(volume) ? "mapped" : "unmapped", volumeHref(pool, volume.name()));
    }

    /** @param iscsiTarget the target of the volume's pool when that is an iSCSI pool, else null */
    static Volume volume(String pool, VolumeView volume, String iscsiTarget) {
        boolean mapped = mapped(volume);
        return new Volume(volume.name(), mapped ? "mapped" : "unmapped", mapped ? volume.host() : null, pool, iscsiTarget,
                volume.capacity(), volume.usedBy(), volumeHref(pool, volume.name()));
    }

    private static boolean mapped(VolumeView volume) {
        return volume.usedBy() != null && !volume.usedBy().isEmpty();
    }

    static StorageServer storageServer(StorageServerView server) {
        String href = CometPathAlias.ROOT + "/storageservers/" + server.host();
        return new StorageServer(server.host(), server.port(), href + "/storagezpools", href);
    }

    static StorageZpool storageZpool(StorageTargetView target) {
        return new StorageZpool(target.host(), target.target(), target.targetType());
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
