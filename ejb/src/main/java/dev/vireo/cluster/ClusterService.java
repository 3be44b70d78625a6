package dev.vireo.cluster;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.cluster.VmCluster;
import dev.vireo.persistence.task.TaskStatus;
import dev.vireo.security.Permission;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.validation.ResourceName;
import dev.vireo.vm.VmCreateRequest;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmUpdateRequest;
import dev.vireo.vm.VmView;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Clusters of VMs ({@code /api/clusters}, Comet's {@code /comet/cluster}): named groups of VMs
 * with a start order, started and stopped as a whole by {@link ClusterPower} in a task. Members
 * are VMs the caller can see; their lifecycle goes through {@link VmService}, with its checks.
 */
@Stateless
@RolesAllowed(Permission.CLUSTER_READ)
public class ClusterService {

    public static final String CLUSTERS = "/api/clusters/";
    static final int MAX_MEMBERS = 64;
    static final int MAX_DESCRIPTION = 1000;
    private static final Duration MADE_POLL = Duration.ofMillis(250);
    /** A template named by its bare name is this template resource. */
    private static final String TEMPLATES = "/api/templates/";

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    VmService vms;

    @EJB
    TaskService tasks;

    @EJB
    Locks locks;

    @Resource
    SessionContext context;

    @Inject
    @ConfigProperty(name = "vireo.cluster.start-timeout-seconds", defaultValue = "300")
    long startTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "vireo.cluster.shutdown-timeout-seconds", defaultValue = "120")
    long shutdownTimeoutSeconds;

    private final Clock clock = Clock.systemUTC();

    public List<ClusterView> list() {
        Map<String, VmView> visible = visibleVms();
        return em.createNamedQuery(VmCluster.ALL, VmCluster.class).getResultStream()
                .map(cluster -> view(cluster, visible)).toList();
    }

    public ClusterView get(String name) {
        return view(require(name));
    }

    /** The cluster's members in start order, each with its state now. */
    public List<ClusterMemberView> members(String name) {
        return members(require(name), visibleVms());
    }

    public ClusterMemberView member(String name, String vm) {
        int position = requireMember(require(name), vm);
        return member(vm, position, visibleVms());
    }

    /** Nothing for a member of the cluster; 404 for a cluster or a VM that is not a member. */
    public void checkMember(String name, String vm) {
        requireMember(require(name), vm);
    }

    /** A member VM in full (Comet's VM of a cluster); 404 for a VM that is not a member. */
    public VmView memberVm(String name, String vm) {
        requireMember(require(name), vm);
        return vms.get(vm);
    }

    /**
     * A lifecycle action on one member (Comet's VM actions): {@link VmService#act} authorizes,
     * locks and audits it as any VM action.
     */
    public VmView actOnMember(String name, String vm, DomainAction action) {
        requireMember(require(name), vm);
        return vms.act(vm, action);
    }

    /**
     * Changes a member's definition (Comet's PUT of a VM) through {@link VmService#update}, with
     * its checks; never its power state. A member keeps its name: the cluster and its snapshot
     * sets know it by that name.
     */
    public VmService.Updated updateMember(String name, String vm, VmUpdateRequest request) {
        requireMember(require(name), vm);
        if (request.name() != null && !request.name().equals(vm)) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_RENAME, vm, name);
        }
        return vms.update(vm, request);
    }

    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited("cluster.create")
    public ClusterView create(ClusterRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require("cluster", request.name());
        VmCluster cluster = new VmCluster(name, clock.instant());
        cluster.setDescription(description(request.description()));
        cluster.setMembers(memberNames(request.vms() == null ? List.of() : request.vms()));
        locks.claim(LockTarget.cluster(name));
        if (find(name) != null) {
            throw new VireoException(ErrorCode.CLUSTER_EXISTS, name);
        }
        em.persist(cluster);
        return view(cluster);
    }

    /** Changes the parameters the request names: the description and the whole start order. */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited("cluster.update")
    public ClusterView update(String name, ClusterRequest request) {
        VmCluster cluster = claim(name);
        if (request.name() != null && !request.name().equals(cluster.getName())) {
            throw new VireoException(ErrorCode.CLUSTER_NAME_CHANGE, cluster.getName(), request.name());
        }
        String description = request.description() == null ? cluster.getDescription() : description(request.description());
        List<String> members = request.vms() == null ? cluster.getMembers() : memberNames(request.vms());
        cluster.setDescription(description);
        cluster.setMembers(members);
        em.flush();
        return view(cluster);
    }

    /** Removes the cluster and its snapshot sets; its VMs stay as they are, snapshots and all. */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited("cluster.delete")
    public void delete(String name) {
        VmCluster cluster = claim(name);
        // its snapshot sets go with it; the VMs keep their snapshots
        ClusterLookup.sets(em, cluster).forEach(em::remove);
        em.remove(cluster);
    }

    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited(value = "cluster.member.add", target = 2)
    public ClusterMemberView addMember(String name, ClusterMemberRequest request) {
        VmCluster cluster = claim(name);
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String vm = existingVm(request.name());
        List<String> members = new ArrayList<>(cluster.getMembers());
        if (members.contains(vm)) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_EXISTS, vm, name);
        }
        if (members.size() >= MAX_MEMBERS) {
            throw new VireoException(ErrorCode.CLUSTER_TOO_MANY, MAX_MEMBERS, members.size() + 1);
        }
        int position = request.position() == null ? members.size() : request.position();
        if (position < 0 || position > members.size()) {
            throw new VireoException(ErrorCode.CLUSTER_POSITION, request.position(), members.size());
        }
        members.add(position, vm);
        cluster.setMembers(members);
        return member(vm, position, visibleVms());
    }

    /**
     * Makes a VM from a template (through {@link VmService#createWithId}, with its checks: 4xx at
     * once for a missing template or a taken name) and, once it is made, puts it into the cluster
     * as {@link #addMember} does; answers the task that waits for both. A VM that could not be
     * made is never a member.
     */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited(value = "cluster.member.create", target = 2)
    public TaskView createMember(String name, ClusterMemberRequest request) {
        VmCluster cluster = claim(name);
        List<String> members = cluster.getMembers();
        if (request.name() != null && members.contains(request.name())) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_EXISTS, request.name(), name);
        }
        if (members.size() >= MAX_MEMBERS) {
            throw new VireoException(ErrorCode.CLUSTER_TOO_MANY, MAX_MEMBERS, members.size() + 1);
        }
        if (request.position() != null && (request.position() < 0 || request.position() > members.size())) {
            throw new VireoException(ErrorCode.CLUSTER_POSITION, request.position(), members.size());
        }
        String template = request.template();
        TaskView making = vms.createWithId(new VmCreateRequest(request.name(),
                ResourceName.isValid(template) ? TEMPLATES + template : template,
                null, null, null, null, null, null, null, null)).task();
        String vm = making.targetUri().substring(VmService.VMS.length());
        ClusterService self = context.getBusinessObject(ClusterService.class);
        TaskService taskService = tasks;
        return tasks.submit("cluster.member.create", CLUSTERS + name + "/vms/" + vm, progress -> {
            progress.report(10, "making " + vm + " from template " + template);
            TaskView made = taskService.get(making.id());
            while (TaskStatus.RUNNING.apiName().equals(made.status())) {
                Thread.sleep(MADE_POLL.toMillis());
                made = taskService.get(making.id());
            }
            if (!TaskStatus.FINISHED.apiName().equals(made.status())) {
                throw new VireoException(ErrorCode.CLUSTER_MEMBER_NOT_MADE, vm, template, made.message());
            }
            progress.report(90, "putting " + vm + " into cluster " + name);
            ClusterMemberView added = self.addMember(name, new ClusterMemberRequest(vm, request.position(), null));
            return "virtual machine " + vm + " made from template " + template + " and put into cluster " + name
                    + " at position " + added.position();
        });
    }

    /** Takes the VM out of the cluster; the VM stays as it is. */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited(value = "cluster.member.remove", target = 2)
    public void removeMember(String name, String vm) {
        VmCluster cluster = claim(name);
        List<String> members = new ArrayList<>(cluster.getMembers());
        if (!members.remove(vm)) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_NOT_FOUND, vm, name);
        }
        cluster.setMembers(members);
    }

    /** Starts the members in start order, each once the one before runs; answers the task that does it. */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited("cluster.start")
    public TaskView start(String name) {
        ClusterPower power = power(name, "start");
        return tasks.submit("cluster.start", CLUSTERS + name, power::start);
    }

    /** Stops the members in reverse start order, going on past one that fails; answers the task that does it. */
    @RolesAllowed(Permission.CLUSTER_MANAGE)
    @Audited("cluster.stop")
    public TaskView stop(String name) {
        ClusterPower power = power(name, "stop");
        return tasks.submit("cluster.stop", CLUSTERS + name, power::stop);
    }

    /** The cluster locked for the caller's operation (and, for a start or stop, for its whole task). */
    private ClusterPower power(String name, String action) {
        VmCluster cluster = claim(name);
        if (cluster.getMembers().isEmpty()) {
            throw new VireoException(ErrorCode.CLUSTER_EMPTY, name, action);
        }
        return new ClusterPower(vms, name, cluster.getMembers(), Duration.ofSeconds(startTimeoutSeconds),
                Duration.ofSeconds(shutdownTimeoutSeconds));
    }

    /** The member's place in the start order. */
    private static int requireMember(VmCluster cluster, String vm) {
        int position = cluster.getMembers().indexOf(vm);
        if (position < 0) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_NOT_FOUND, vm, cluster.getName());
        }
        return position;
    }

    private VmCluster claim(String name) {
        VmCluster cluster = require(name);
        locks.claim(LockTarget.cluster(cluster.getName()));
        return cluster;
    }

    private VmCluster require(String name) {
        return ClusterLookup.require(em, name);
    }

    private VmCluster find(String name) {
        return ClusterLookup.find(em, name);
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new VireoException(ErrorCode.TOO_LONG, "description", MAX_DESCRIPTION);
        }
        return description;
    }

    /** Valid names of VMs the caller can see, each once, at most {@link #MAX_MEMBERS}. */
    private List<String> memberNames(List<String> names) {
        if (names.size() > MAX_MEMBERS) {
            throw new VireoException(ErrorCode.CLUSTER_TOO_MANY, MAX_MEMBERS, names.size());
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new VireoException(ErrorCode.CLUSTER_MEMBER_TWICE, name);
            }
        }
        return names.stream().map(this::existingVm).toList();
    }

    private String existingVm(String name) {
        ResourceName.require("virtual machine", name);
        vms.get(name);
        return name;
    }

    private ClusterView view(VmCluster cluster) {
        return view(cluster, visibleVms());
    }

    private static ClusterView view(VmCluster cluster, Map<String, VmView> visible) {
        List<ClusterMemberView> members = members(cluster, visible);
        return new ClusterView(cluster.getName(), cluster.getDescription(), ClusterView.rollUp(members), members,
                cluster.getCreated());
    }

    private static List<ClusterMemberView> members(VmCluster cluster, Map<String, VmView> visible) {
        List<String> names = cluster.getMembers();
        List<ClusterMemberView> members = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            members.add(member(names.get(i), i, visible));
        }
        return members;
    }

    private static ClusterMemberView member(String vm, int position, Map<String, VmView> visible) {
        if (visible == null) {
            // a caller who may see the cluster but not VMs learns its members' names, not their states
            return new ClusterMemberView(vm, position, VmView.UNKNOWN, null);
        }
        VmView view = visible.get(vm);
        return view == null ? new ClusterMemberView(vm, position, ClusterMemberView.MISSING, null)
                : new ClusterMemberView(vm, position, view.state(), view.host());
    }

    /**
     * The VMs the caller can see, by name, in one listing (no exception for a member gone, which
     * would roll the caller's change back); null for a caller who may not see VMs.
     */
    private Map<String, VmView> visibleVms() {
        try {
            return vms.list().stream().collect(Collectors.toMap(VmView::name, vm -> vm, (first, second) -> first));
        } catch (EJBAccessException e) {
            return null;
        }
    }
}
