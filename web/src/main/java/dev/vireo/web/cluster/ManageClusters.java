package dev.vireo.web.cluster;

import dev.vireo.cluster.ClusterMemberRequest;
import dev.vireo.cluster.ClusterMemberView;
import dev.vireo.cluster.ClusterRequest;
import dev.vireo.cluster.ClusterService;
import dev.vireo.cluster.ClusterSnapshotRequest;
import dev.vireo.cluster.ClusterSnapshotService;
import dev.vireo.cluster.ClusterSnapshotView;
import dev.vireo.cluster.ClusterView;
import dev.vireo.error.VireoException;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmView;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.web.console.ConsoleUser;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's clusters page: every cluster with its members in start order and each one's state;
 * create and delete a cluster; add, remove and move members; start and stop the whole, each VM's
 * outcome shown once the task ends; a cluster's snapshot sets taken, reverted and deleted.
 */
@Named
@ViewScoped
public class ManageClusters implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ClusterService clusters;

    @EJB
    ClusterSnapshotService sets;

    @EJB
    VmService vmService;

    @EJB
    TaskService tasks;

    @Inject
    ConsoleUser user;

    @Inject
    ConsoleFormat format;

    /** The last task started from this page per cluster: its id, and what it does in words. */
    public record Started(String id, String what) implements Serializable {
    }

    private transient List<ClusterView> list;
    private transient List<ClusterSnapshotView> snapshotSets;
    /** The tasks of {@link #lastTasks} as read once per refresh (every member's row asks). */
    private transient Map<String, TaskView> readTasks;
    private final Map<String, Started> lastTasks = new HashMap<>();
    private String selected;

    // the new cluster's form
    private String name;
    private String description;
    private String members;

    // the selected cluster's forms
    private String vmToAdd;
    private String setName;

    /** The clusters, read once per refresh (a mutable list: the table may sort it). */
    public List<ClusterView> getClusters() {
        if (list == null) {
            list = new ArrayList<>(clusters.list());
        }
        return list;
    }

    /** Reads everything again (the page's poll, and after each change). */
    public void refresh() {
        list = null;
        snapshotSets = null;
        readTasks = null;
    }

    public void create() {
        try {
            ClusterView created = clusters.create(new ClusterRequest(blankToNull(name), blankToNull(description),
                    members == null || members.isBlank() ? null : ConsoleFormat.list(members)));
            FacesErrors.info("Cluster " + created.name() + " created with " + created.vms().size() + " VMs");
            selected = created.name();
            name = null;
            description = null;
            members = null;
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e, "new-cluster");
        }
    }

    public void delete(String cluster) {
        try {
            clusters.delete(cluster);
            FacesErrors.info("Cluster " + cluster + " deleted; its VMs stay");
            lastTasks.remove(cluster);
            if (cluster.equals(selected)) {
                selected = null;
            }
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    public void start(String cluster) {
        run(cluster, "start", () -> clusters.start(cluster));
    }

    public void stop(String cluster) {
        run(cluster, "stop", () -> clusters.stop(cluster));
    }

    /** Shows the cluster's members and snapshot sets under the table. */
    public void select(String cluster) {
        selected = cluster;
        snapshotSets = null;
    }

    public String getSelected() {
        return selected;
    }

    /** The selected cluster as it is now; null once it is gone. */
    public ClusterView getCluster() {
        return selected == null ? null : getClusters().stream().filter(cluster -> cluster.name().equals(selected))
                .findFirst().orElse(null);
    }

    /** The VMs the user may see that are not yet members of the selected cluster. */
    public List<String> getAddableVms() {
        ClusterView cluster = getCluster();
        if (cluster == null || !user.may("vm.read")) {
            return new ArrayList<>();
        }
        Set<String> members = cluster.vms().stream().map(ClusterMemberView::name).collect(Collectors.toSet());
        return vmService.list().stream().map(VmView::name).filter(vm -> !members.contains(vm)).sorted()
                .collect(Collectors.toCollection(ArrayList::new));
    }

    public void addMember() {
        try {
            ClusterMemberView added = clusters.addMember(selected, new ClusterMemberRequest(blankToNull(vmToAdd), null, null));
            FacesErrors.info(added.name() + " joins cluster " + selected + " at position " + (added.position() + 1));
            vmToAdd = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "members");
        }
        refresh();
    }

    public void removeMember(String vm) {
        try {
            clusters.removeMember(selected, vm);
            FacesErrors.info(vm + " left cluster " + selected + "; the VM stays");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    /** Moves a member one place earlier ({@code by} -1) or later (+1) in the start order. */
    public void move(String vm, int by) {
        ClusterView cluster = getCluster();
        if (cluster == null) {
            return;
        }
        List<String> order = cluster.vms().stream().map(ClusterMemberView::name).collect(Collectors.toCollection(ArrayList::new));
        int from = order.indexOf(vm);
        int to = from + by;
        if (from < 0 || to < 0 || to >= order.size()) {
            return;
        }
        order.add(to, order.remove(from));
        try {
            clusters.update(selected, new ClusterRequest(null, null, order));
            FacesErrors.info("Start order of " + selected + ": " + String.join(", ", order));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    /** The selected cluster's snapshot sets, oldest first. */
    public List<ClusterSnapshotView> getSnapshotSets() {
        if (selected == null) {
            return new ArrayList<>();
        }
        if (snapshotSets == null) {
            try {
                snapshotSets = new ArrayList<>(sets.list(selected));
            } catch (VireoException e) {
                snapshotSets = new ArrayList<>();
            }
        }
        return snapshotSets;
    }

    public void takeSnapshotSet() {
        String cluster = selected;
        String set = blankToNull(setName);
        run(cluster, "take snapshot set" + (set == null ? "" : " " + set),
                () -> sets.create(cluster, new ClusterSnapshotRequest(set, null)), "snapshots");
        setName = null;
    }

    public void revertSnapshotSet(String set) {
        String cluster = selected;
        run(cluster, "revert to snapshot set " + set, () -> sets.revert(cluster, set));
    }

    public void deleteSnapshotSet(String set) {
        String cluster = selected;
        run(cluster, "delete snapshot set " + set, () -> sets.delete(cluster, set));
    }

    /** What the last task started here for the cluster did, e.g. "start: finished"; blank when none. */
    public String lastTask(String cluster) {
        Started started = lastTasks.get(cluster);
        if (started == null) {
            return "";
        }
        TaskView task = task(started);
        return started.what() + ": " + (task == null ? "gone" : task.status());
    }

    /**
     * A member's outcome in the last start or stop started here, as the task's message names it
     * ("started", "failed: VMS0004E …", "not started (…)"); blank while it runs or when none.
     */
    public String outcome(String cluster, String vm) {
        Started started = lastTasks.get(cluster);
        TaskView task = started == null ? null : task(started);
        if (task == null || "running".equals(task.status()) || task.message() == null) {
            return "";
        }
        List<String> members = getClusters().stream().filter(view -> view.name().equals(cluster)).findFirst()
                .map(view -> view.vms().stream().map(ClusterMemberView::name).toList()).orElse(List.of());
        return outcomes(task.message(), members).getOrDefault(vm, "");
    }

    /**
     * Each member's outcome in a task's message ("cluster c: a running; b failed: VMS0004E: …"):
     * the text after the member's name up to the next member's "; name ".
     */
    static Map<String, String> outcomes(String message, List<String> members) {
        java.util.TreeMap<Integer, String> starts = new java.util.TreeMap<>();
        for (String vm : members) {
            for (String before : List.of(": ", "; ")) {
                int at = message.indexOf(before + vm + " ");
                if (at >= 0 && !starts.containsValue(vm)) {
                    starts.put(at + before.length(), vm);
                }
            }
        }
        Map<String, String> byVm = new LinkedHashMap<>();
        for (Map.Entry<Integer, String> start : starts.entrySet()) {
            Integer next = starts.higherKey(start.getKey());
            int end = next == null ? message.length() : next - 2;
            byVm.put(start.getValue(), message.substring(start.getKey() + start.getValue().length() + 1, Math.max(end,
                    start.getKey() + start.getValue().length() + 1)));
        }
        return byVm;
    }

    /** The task's message once it ended (each member's outcome); blank while it runs. */
    public String lastMessage(String cluster) {
        Started started = lastTasks.get(cluster);
        TaskView task = started == null ? null : task(started);
        return task == null || "running".equals(task.status()) || task.message() == null ? "" : task.message();
    }

    public String when(java.time.Instant instant) {
        return format.time(instant);
    }

    /** The member's place, from 1, for people. */
    public int place(ClusterMemberView member) {
        return member.position() + 1;
    }

    private interface Submit {
        TaskView submit();
    }

    private void run(String cluster, String what, Submit submit) {
        run(cluster, what, submit, null);
    }

    private void run(String cluster, String what, Submit submit, String form) {
        try {
            TaskView task = submit.submit();
            lastTasks.put(cluster, new Started(task.id(), what));
            FacesErrors.info("Cluster " + cluster + ": " + what + " started");
        } catch (VireoException e) {
            if (form == null) {
                FacesErrors.show(e);
            } else {
                FacesErrors.show(e, form);
            }
        }
        refresh();
    }

    private TaskView task(Started started) {
        if (readTasks == null) {
            readTasks = new HashMap<>();
        }
        return readTasks.computeIfAbsent(started.id(), id -> {
            try {
                return tasks.get(id);
            } catch (VireoException | EJBAccessException e) {
                return null;
            }
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getMembers() { return members; }
    public void setMembers(String members) { this.members = members; }
    public String getVmToAdd() { return vmToAdd; }
    public void setVmToAdd(String vmToAdd) { this.vmToAdd = vmToAdd; }
    public String getSetName() { return setName; }
    public void setSetName(String setName) { this.setName = setName; }
}
