package dev.vireo.vm;

import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.address.GuestAddresses;
import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.image.ImageCells;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.libvirt.DomainChange;
import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import dev.vireo.security.AccountService;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.storage.VolumeUploads;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import dev.vireo.template.TemplateIcons;
import dev.vireo.template.TemplateService;
import dev.vireo.validation.CloneNames;
import dev.vireo.validation.ResourceName;
import dev.vireo.zone.CellStates;
import dev.vireo.zone.Placements;
import dev.vireo.zone.VmMigrations;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Virtual machines of the zone's hosts. */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class VmService {

    @Inject
    VmAccess access;

    @EJB
    GuestAddresses addresses;

    /** Not an EJB: asked once per VM of a list. */
    private static final VmViews views = new VmViews();

    @EJB
    Callers callers;

    @EJB
    ZoneHosts zone;

    @EJB
    Placements placements;

    @EJB
    CellStates cells;

    @EJB
    VmMigrations migrations;

    @EJB
    Locks locks;

    @EJB
    AccountService accounts;

    public static final String VMS = "/api/vms/";
    private static final List<String> TEMPLATE_URI_PREFIXES = List.of("/plugins/kimchi/templates/", "/api/templates/");

    @EJB
    TemplateService templates;

    @EJB
    TemplateIcons templateIcons;

    @EJB
    TaskService tasks;

    @EJB
    VmStatsSampler sampler;

    @EJB
    ConsoleTickets consoleTickets;

    @EJB
    VolumeUploads uploads;

    @EJB
    ImageCells imageCells;

    private final Clock clock = Clock.systemUTC();

    /** {@code kvm}, {@code qemu}, … or {@code auto}: the best the host offers (kvm, then qemu). */
    @Inject
    @ConfigProperty(name = "vireo.libvirt.domain-type", defaultValue = "auto")
    String domainType;

    /**
     * Lets migrations skip libvirt's shared-storage and cache-mode check: for storage shared in a
     * way libvirt cannot recognise. Off by default.
     */
    @Inject
    @ConfigProperty(name = "vireo.migration.allow-unsafe", defaultValue = "false")
    boolean allowUnsafeMigration;

    /** Where a clone's disks go when their own pool lacks room. */
    @Inject
    @ConfigProperty(name = "vireo.storage.default-pool", defaultValue = "default")
    String defaultPool;

    /**
     * The VMs the caller may see on every connected host of the zone (only the host a request
     * names, when it names one), each from its host's domain cache.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<VmView> list() {
        Map<String, String> icons = templateIcons.all();
        Caller caller = callers.current();
        Optional<HostGateways> named = access.namedHost();
        List<HostGateways> listed = named.map(List::of).orElseGet(zone::connected);
        List<VmView> vms = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        for (HostGateways host : listed) {
            String hostName = host.ref().name();
            Map<String, VmStats> hostStats = sampler.latest(hostName);
            Optional<List<DomainSummary>> domains = domainsOf(host, listed.size() == 1 && named.isEmpty());
            domains.ifPresent(list -> reached.add(hostName));
            for (DomainSummary domain : domains.orElse(List.of())) {
                if (caller.mayUse(domain.definition().metadata())) {
                    vms.add(views.of(hostName, domain, hostStats.getOrDefault(domain.name(), VmStats.NONE),
                            iconOf(domain, icons)));
                }
            }
        }
        // the VMs of hosts that cannot be reached now, as they were last seen
        List<CellStates.SeenVm> away = named.isPresent()
                ? reached.isEmpty() ? unreachableVmsOf(named.get()) : List.of()
                : cells.unreachableVms(reached);
        for (CellStates.SeenVm seen : away) {
            if (caller.mayUse(seen.domain().definition().metadata())) {
                vms.add(VmView.lastSeen(seen.host(), seen.domain(), iconOf(seen.domain(), icons), seen.lastSeen()));
            }
        }
        vms.sort(Comparator.comparing(VmView::name).thenComparing(VmView::host));
        return vms;
    }

    /**
     * A host's domains; empty for a host that cannot be reached now, unless it is the only host
     * (a single-host install), whose failure is the answer.
     */
    private static Optional<List<DomainSummary>> domainsOf(HostGateways host, boolean only) {
        try {
            return Optional.of(host.domains().list());
        } catch (VireoException e) {
            if (only) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** The VMs of the host a request names, as last seen; its failure when it was never seen. */
    private List<CellStates.SeenVm> unreachableVmsOf(HostGateways host) {
        return cells.unreachableVmsOf(host.ref().name()).orElseGet(() -> {
            host.domains().list();
            return List.of();
        });
    }

    /** The VM; on a host that cannot be reached now, as that host last showed it (state {@code unknown}). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public VmView get(String name) {
        try {
            VmAccess.Found vm = access.find(name);
            return view(vm.host(), vm.domain());
        } catch (VireoException e) {
            if (e.error() != ErrorCode.VM_HOST_UNREACHABLE) {
                throw e;
            }
            CellStates.SeenVm seen = access.lastSeen(name).orElseThrow(() -> e);
            String template = seen.domain().definition().metadata().template();
            return VmView.lastSeen(seen.host(), seen.domain(), template == null ? null : templateIcons.all().get(template),
                    seen.lastSeen());
        }
    }

    /** The VM's utilisation over the last hour (while it ran), oldest sample first. */
    public VmStatsHistory statsHistory(String name) {
        VmAccess.Found vm = access.find(name);
        return sampler.historyOf(vm.host().ref().name(), vm.domain().name());
    }

    private VmView view(HostGateways host, DomainSummary domain) {
        String template = domain.definition().metadata().template();
        String icon = template == null ? null : templateIcons.all().get(template);
        String hostName = host.ref().name();
        return VmView.of(hostName, domain, sampler.statsOf(hostName, domain.name()), icon);
    }

    private static String iconOf(DomainSummary domain, Map<String, String> icons) {
        String template = domain.definition().metadata().template();
        return template == null ? null : icons.get(template);
    }

    /**
     * Starts making a VM from a template; answers with the task that makes it. What can be
     * checked at once is (a missing template, a taken name, a bad override): 400/409 right away.
     */
    @RolesAllowed(Permission.VM_CREATE)
    @Audited("vm.create")
    public TaskView create(VmCreateRequest request) {
        return make(request).task();
    }

    /** A VM being made: the task that makes it and the UUID it will have (a guest's id in Nano's API). */
    public record Creation(TaskView task, String uuid) {
    }

    /** {@link #create}, answering with the new VM's UUID too. */
    @RolesAllowed(Permission.VM_CREATE)
    @Audited("vm.create")
    public Creation createWithId(VmCreateRequest request) {
        return make(request);
    }

    private Creation make(VmCreateRequest request) {
        GuestSpec spec = request.spec();
        if (request.template() != null && spec != null) {
            throw new VireoException(ErrorCode.TEMPLATE_OR_SPEC, "both");
        }
        if (request.template() == null && spec == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "template");
        }
        if (Boolean.FALSE.equals(request.persistent())) {
            throw new VireoException(ErrorCode.VM_NOT_PERSISTENT);
        }
        String templateName = spec == null ? templateName(request.template()) : null;
        TemplateSettings templateSettings = spec == null
                ? templates.settingsForVm(templateName, request.storagepool(), request.graphics()) : null;
        String owner = callers.current().name();
        List<String> groups = List.of();
        if (spec != null) {
            GuestSpecs.check(spec);
            if (request.graphics() != null) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "graphics", "a VM made from a spec gets a VNC display");
            }
            if (request.name() == null) {
                throw new VireoException(ErrorCode.MISSING_FIELD, "name");
            }
            owner = specOwner(spec.owner());
            groups = spec.group() == null ? List.of() : List.of(spec.group());
            accounts.requireExisting(List.of(owner), groups);
        }
        String name = request.name() != null ? ResourceName.require("virtual machine", request.name())
                : derivedName(templateName);
        claimFreeName(name);
        Placements.Placed placed = placements.place(name, request.host(), request.computepool(),
                spec == null ? templateSettings.memoryMib() : spec.memory(),
                spec == null ? templateSettings.vcpus() : spec.cpus());
        Placements.Reservation reservation = placed.reservation();
        try {
            HostGateways host = placed.host();
            locks.claim(LockTarget.vm(host.ref(), name));
            TemplateSettings settings = ComputePoolShares.apply(spec == null ? templateSettings
                    : GuestSpecs.settings(spec, specStoragePool(request.storagepool(), placed), placed.network()),
                    placed.storage(), placed.network(), request.storagepool() != null);
            if (placed.why() != null || spec != null) {
                requireOnHost(host, settings, name);
            }
            requireCompleteVolumes(uploads, host, settings);
            SystemImage system = spec == null || spec.fromImage() == null ? null
                    : imageCells.systemImage(spec.fromImage(), name, owner, host, settings.disks().get(0).pool());
            VmBuilder.Plan template = new VmBuilder.Plan(name, templateName, owner, callers.currentToken(), settings,
                    text("title", request.title()), text("description", request.description()));
            VmBuilder.Plan plan = spec == null ? template
                    : new VmBuilder.Plan(name, null, owner, template.token(), settings, template.title(),
                            template.description(), template.uuid(), GuestSpecs.diskBytes(spec),
                            Boolean.TRUE.equals(spec.autostart()), groups, system);
            VmBuilder builder = new VmBuilder(host, domainType);
            String why = placed.why();
            // the task holds the container's proxies, not this pooled bean
            Placements rooms = placements;
            GuestAddresses addressing = addresses;
            return new Creation(tasks.submit("vm.create", VMS + name, progress -> {
                try {
                    if (why != null) {
                        progress.report(1, why);
                    }
                    String made = builder.build(plan, progress);
                    NicAddresses.give(addressing, placed, name);
                    return why == null ? made : made + ": " + why;
                } finally {
                    rooms.release(reservation);
                }
            }), plan.uuid());
        } catch (RuntimeException e) {
            placements.release(reservation);
            throw e;
        }
    }

    /** The owner a spec names: the caller's own name, or anyone's for callers that see everything. */
    private String specOwner(String owner) {
        Caller caller = callers.current();
        if (owner == null || owner.equals(caller.name())) {
            return caller.name();
        }
        if (!caller.seesEverything()) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(), "create a virtual machine owned by " + owner);
        }
        return owner;
    }

    /** Where a spec's volumes go: the pool the request names, else its compute pool's storage, else the default pool. */
    private String specStoragePool(String requested, Placements.Placed placed) {
        if (requested != null) {
            return ResourceName.require("storage pool", requested);
        }
        return placed.storage() != null ? placed.storage() : defaultPool;
    }

    /**
     * Claims a name for a VM about to be made or renamed: a VM name is the zone's, so no connected
     * host may have a VM of that name.
     */
    private void claimFreeName(String name) {
        access.claimFreeName(name);
    }

    /** The names of the VMs of the zone's connected hosts. */
    private Set<String> zoneVmNames() {
        Set<String> taken = new HashSet<>();
        zone.connected().forEach(host -> host.domains().list().forEach(domain -> taken.add(domain.name())));
        return taken;
    }

    /** The template's storage pools and networks must be on the host the VM was placed on. */
    static void requireOnHost(HostGateways host, TemplateSettings settings, String vm) {
        for (TemplateDisk disk : settings.disks()) {
            if (host.storage().pool(disk.pool()).isEmpty()) {
                throw new VireoException(ErrorCode.HOST_LACKS, host.ref().name(), "storage pool", disk.pool(), vm);
            }
        }
        for (String network : settings.networks()) {
            if (host.networks().get(network).isEmpty()) {
                throw new VireoException(ErrorCode.HOST_LACKS, host.ref().name(), "network", network, vm);
            }
        }
    }

    /**
     * Starts copying a shut-off VM as {@code <name>-cloneN}; answers with the task that copies its
     * disks and defines the copy.
     */
    @RolesAllowed(Permission.VM_CREATE)
    @Audited("vm.clone")
    public TaskView cloneVm(String name) {
        VmAccess.Found source = access.claim(name);
        if (source.domain().state() != DomainState.SHUTOFF) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, name, source.domain().state().apiName(),
                    "be cloned (shut it off)");
        }
        HostGateways host = source.host();
        String clone = CloneNames.next(name, zoneVmNames());
        ResourceName.require("virtual machine", clone);
        claimFreeName(clone);
        locks.claim(LockTarget.vm(host.ref(), clone));
        VmCloner cloner = new VmCloner(host, defaultPool);
        String owner = callers.current().name();
        return tasks.submit("vm.clone", VMS + clone, progress -> cloner.copy(name, clone, owner, progress));
    }

    /**
     * Starts moving a VM to another libvirt host: live when it runs; it leaves this host and
     * stays defined on the destination. Answers with the task that moves it. A host of the zone
     * ({@code host}) is {@link VmMigrations}' (storage copied, cold when shut off).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.migrate")
    public TaskView migrate(String name, MigrateRequest request) {
        if (request.host() != null) {
            if (request.remoteHost() != null) {
                throw new VireoException(ErrorCode.MIGRATION_CONFLICT);
            }
            return migrations.migrate(name, request.host());
        }
        HostGateways host = access.claim(name).host();
        Migration.Target target = Migration.target(request, host.ref());
        return tasks.submit("vm.migrate", VMS + name, progress -> {
            progress.report(10, "moving " + name + " to " + target.libvirtUri());
            host.domains().migrate(name, HostRef.at(target.libvirtUri()), target.migrateUri(), allowUnsafeMigration)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
            return "moved " + name + " to " + target.libvirtUri();
        });
    }

    /** Powers the VM off if needed, removes it, and deletes the volumes Vireo created for it. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.delete")
    public void delete(String name) {
        claimForDeletion(name).run();
    }

    /**
     * {@link #delete}'s checks and locks (the VM and the volumes Vireo made for it), claimed for the
     * operation this call is part of; the deletion answered does the libvirt work only.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    public VmDeletion claimForDeletion(String name) {
        VmAccess.Found vm = access.claim(name);
        HostGateways host = vm.host();
        for (VireoMetadata.OwnedVolume volume : vm.domain().definition().metadata().volumes()) {
            locks.claim(LockTarget.volume(host.ref(), volume.pool(), volume.name()));
        }
        GuestAddresses addressing = addresses;
        return new VmDeletion(host, name, () -> addressing.release(name));
    }

    /** A template's base volumes and ISO must be complete: a VM would start from half an image. */
    static void requireCompleteVolumes(VolumeUploads uploads, HostGateways host, TemplateSettings settings) {
        for (TemplateDisk disk : settings.disks()) {
            if (disk.volume() != null) {
                uploads.requireComplete(disk.pool(), disk.volume());
            }
        }
        if (settings.cdrom() != null && settings.cdrom().startsWith("/")) {
            host.storage().volumeAt(settings.cdrom())
                    .ifPresent(iso -> uploads.requireComplete(iso.pool(), iso.name()));
        }
    }

    static String templateName(String uri) {
        for (String prefix : TEMPLATE_URI_PREFIXES) {
            if (uri.startsWith(prefix) && ResourceName.isValid(uri.substring(prefix.length()))) {
                return uri.substring(prefix.length());
            }
        }
        throw new VireoException(ErrorCode.VM_INVALID_TEMPLATE_URI, uri);
    }

    /** {@code <template>-vm-N} with the smallest N no domain of the zone has. */
    private String derivedName(String template) {
        Set<String> taken = zoneVmNames();
        String base = template.length() > 54 ? template.substring(0, 54) : template;
        for (int n = 1; ; n++) {
            String candidate = base + "-vm-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    private static String text(String field, String value) {
        if (value != null && value.length() > VmChanges.MAX_TEXT) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field, "at most " + VmChanges.MAX_TEXT + " characters");
        }
        return value;
    }

    /** A VM after a change, and what of the change waits for the VM's next start. */
    public record Updated(VmView vm, List<String> pendingUntilRestart) {
    }

    /**
     * Changes the persistent definition (and the live VM where libvirt can); never the power state.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.update")
    public Updated update(String name, VmUpdateRequest request) {
        return update(name, request, true);
    }

    /**
     * {@link #update}; with {@code live} false the persistent definition alone changes, and a
     * running VM keeps what it has until its next start.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.update")
    public Updated update(String name, VmUpdateRequest request, boolean live) {
        VmAccess.Found current = access.claim(name);
        HostGateways host = current.host();
        if (request.name() != null && !request.name().equals(name)) {
            locks.claim(LockTarget.vm(host.ref(), ResourceName.require("virtual machine", request.name())));
            claimFreeName(request.name());
        }
        DomainChange change = VmChanges.of(current.domain(), request, host.host().memoryBytes() / Units.MIB, clock);
        accounts.requireExisting(request.users(), request.groups());
        DomainChange.Outcome outcome = host.domains().reconfigure(name, change, live)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
        if (!outcome.domain().name().equals(name)) {
            addresses.renamed(name, outcome.domain().name());
        }
        return new Updated(view(host, outcome.domain()), outcome.pendingUntilRestart());
    }

    /**
     * What a console viewer needs to reach a running VM: the password just set on its display,
     * and a ticket for the web console's WebSocket, both for the caller of connect alone.
     */
    public record ConsoleAccess(String vm, String type, String listen, int port, String passwd, String passwdValidTo,
                                ConsoleTickets.Ticket ticket) {
    }

    /**
     * Prepares console access to a running VM: a fresh random password, valid for
     * {@code seconds} (default 30), set on the running display and returned with a one-time web
     * console ticket issued to the caller.
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("vm.connect")
    public ConsoleAccess connect(String name, Integer seconds) {
        DomainSummary vm = access.claim(name).domain();
        if (vm.state() != DomainState.RUNNING && vm.state() != DomainState.PAUSED && vm.state() != DomainState.BLOCKED) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, name, vm.state().apiName(), "be connected to");
        }
        String passwd = ConsolePasswords.random();
        Updated updated = update(name, new VmUpdateRequest(null, null, null, null,
                new VmUpdateRequest.Graphics(null, passwd, seconds), null, null, null, null, null, null));
        if (!updated.pendingUntilRestart().isEmpty()) {
            throw new VireoException(ErrorCode.HOST_UNSUPPORTED, "the console password of " + name
                    + " cannot change while it runs: " + String.join(", ", updated.pendingUntilRestart()));
        }
        VmView.Graphics graphics = updated.vm().graphics();
        if (graphics.port() == null) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, name, vm.state().apiName(), "show a console (no display port)");
        }
        ConsoleTickets.Ticket ticket = consoleTickets.issue(name, callers.current().name(),
                seconds == null ? ConsolePasswords.DEFAULT_LIFETIME_SECONDS : seconds);
        return new ConsoleAccess(name, graphics.type(), graphics.listen(), graphics.port(), passwd,
                graphics.passwdValidTo(), ticket);
    }

    /** Where an opened web console goes: the VNC server of the VM on its host, at that address and port. */
    public record ConsoleGrant(String vm, String user, String address, int port) {
    }

    /**
     * Spends a web console ticket for the caller (the WebSocket handshake's authenticated account):
     * it must be theirs, for this VM, unused and in time, and the VM must still be theirs to see,
     * with a VNC display. A ticket someone else presents stays theirs to use.
     */
    public ConsoleGrant openConsole(String name, String ticket) {
        VmAccess.Found found = access.find(name);
        DomainSummary vm = found.domain();
        Caller caller = callers.current();
        String user = caller.name();
        // checked here rather than by @RolesAllowed: a refused WebSocket handshake is no server error to log
        if (!caller.has(Permission.VM_MANAGE)) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, user, "open the web console of " + name);
        }
        if (!consoleTickets.redeem(name, ticket, user)) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, user, "open the web console of " + name
                    + " with that ticket: it is not one that connect issued to them for this VM, or it was used or expired");
        }
        DomainDefinition.Graphics graphics = vm.definition().graphics();
        if (graphics == null || !"vnc".equals(graphics.type()) || graphics.port() == null) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, name, vm.state().apiName(), "show a VNC console");
        }
        String address = ConsoleAddress.of(name, found.host().ref(), graphics.listen());
        return new ConsoleGrant(name, user, address, graphics.port());
    }

    /** Applies a lifecycle action; libvirt refuses one that does not fit the state (409). */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "vm.action", target = 2)
    public VmView act(String name, DomainAction action) {
        HostGateways host = access.claim(name).host();
        return host.domains().act(name, action)
                .map(domain -> view(host, domain))
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
    }
}
