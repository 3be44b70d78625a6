package dev.vireo.domain;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.DomainXmlWriter;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.RawDomainGateway;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import dev.vireo.vm.VmAccess;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * VMs as libvirt domains: their whole definition as the JSON form of its XML ({@link DomainJson}),
 * and libvirt's own calls with the flags the caller picks ({@link DomainFlags}), served by the Xen
 * REST face and by {@code /api/vms/{name}/definition}. They are the zone's VMs: the same rules of
 * who sees what, the same locks and audit as every VM operation, each change read back into the
 * host's domain cache so {@code /api/vms} shows it at once.
 *
 * <p>A definition (or a device) given as raw XML can name any file, device or hypervisor option
 * of the host, which the native API never lets a VM owner do; so defining and attaching raw XML
 * also needs {@code host.manage}.
 */
@Stateless
@RolesAllowed(Permission.VM_READ)
public class RawDomainService {

    /** Whether an action changed the domain, or found it already as asked (the seed's 304). */
    public enum Outcome { CHANGED, ALREADY }

    /** A definition made: the domain's UUID, and what Vireo changed in it. */
    public record Defined(String uuid, List<String> warnings, boolean created) {
    }

    private static final Set<DomainState> ACTIVE = EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED,
            DomainState.PAUSED, DomainState.SHUTDOWN, DomainState.PMSUSPENDED);
    private static final Set<DomainState> RUNNING = EnumSet.of(DomainState.RUNNING, DomainState.BLOCKED);
    private static final int XML_SECURE = 1;

    @Inject
    VmAccess access;

    @EJB
    Callers callers;

    @EJB
    ZoneHosts zone;

    @EJB
    Locks locks;

    // reading

    /**
     * The JSON form of each domain the caller may see on the host the request names, else on every
     * connected host of the zone: running ones only, unless {@code all}.
     */
    public List<JsonObject> list(String all, String flag) {
        boolean everything = parseBoolean("all", all);
        int flags = readFlags(flag);
        List<HostGateways> hosts = access.namedHost().map(List::of).orElseGet(zone::connected);
        Caller caller = callers.current();
        List<JsonObject> listed = new ArrayList<>();
        for (HostGateways host : hosts) {
            List<String> names = host.domains().list().stream()
                    .filter(domain -> caller.mayUse(domain.definition().metadata()))
                    .filter(domain -> everything || ACTIVE.contains(domain.state()))
                    .map(DomainSummary::name)
                    .sorted()
                    .toList();
            host.rawDomains().xmlOf(names, flags).values().forEach(xml -> listed.add(DomainJson.toJson(xml)));
        }
        listed.sort(Comparator.comparing(json -> json.getJsonObject("domain").getString("name", "")));
        return listed;
    }

    /** The JSON form of a domain's XML as libvirt gives it with {@code flag}. */
    public JsonObject inspect(String idOrName, String flag) {
        String name = nameOf(idOrName);
        int flags = readFlags(flag);
        return DomainJson.toJson(hostOf(name).rawDomains().xml(name, flags).orElseThrow(() -> notFound(idOrName)));
    }

    /** {@link #inspect} of a VM by its name alone (the native API's GET of a VM's definition). */
    public JsonObject definitionOf(String name, String flag) {
        String vm = access.require(name).name();
        int flags = readFlags(flag);
        return DomainJson.toJson(hostOf(vm).rawDomains().xml(vm, flags)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name)));
    }

    private int readFlags(String flag) {
        int flags = DomainFlags.XML_DESC.parse(flag);
        Caller caller = callers.current();
        if (DomainFlags.has(flags, XML_SECURE) && !caller.has(Permission.VM_MANAGE)) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(),
                    "read a domain's secrets (flag 1, VIR_DOMAIN_XML_SECURE, needs vm.manage)");
        }
        return flags;
    }

    // definition

    /**
     * Defines a domain from its whole definition, or redefines the one of that name (keeping its
     * UUID and Vireo's metadata: owner, shares, the volumes made for it). A new one goes to the
     * host the request names, else the default host, and belongs to the caller.
     */
    @RolesAllowed({Permission.VM_CREATE, Permission.VM_MANAGE})
    @Audited("domain.define")
    public Defined define(RawDefinition definition) {
        return define(definition, false);
    }

    /** {@link #define}, for a domain that must exist already (the native API's PUT of a VM's definition). */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited(value = "domain.define", target = 1)
    public Defined redefine(String name, RawDefinition definition) {
        requireHostManage(callers.current(), "define a domain from its XML");
        if (!definition.name().equals(name)) {
            throw new VireoException(ErrorCode.XEN_INVALID_DEFINITION, "domain.name is '" + definition.name()
                    + "', not '" + name + "': a definition cannot rename its VM");
        }
        return define(definition, true);
    }

    private Defined define(RawDefinition definition, boolean mustExist) {
        Caller caller = callers.current();
        requireHostManage(caller, "define a domain from its XML");
        String name = definition.name();
        HostGateways host = access.hostOf(name);
        Optional<DomainSummary> existing = host.domains().get(name);
        VireoMetadata metadata;
        if (existing.isPresent()) {
            if (!caller.mayUse(existing.get().definition().metadata())) {
                if (mustExist) {
                    throw notFound(name);
                }
                throw new VireoException(ErrorCode.VM_EXISTS, name);
            }
            if (!caller.has(Permission.VM_MANAGE)) {
                throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(), "redefine virtual machine " + name);
            }
            DomainSummary current = access.claim(name).domain();
            String uuid = current.definition().uuid();
            if (definition.uuid() != null && !DomainIds.uuidKey(definition.uuid()).equals(DomainIds.uuidKey(uuid))) {
                throw new VireoException(ErrorCode.XEN_IDENTITY_CONFLICT, "Domain " + name + " has the UUID " + uuid
                        + ", not " + definition.uuid() + ": a definition cannot change a domain's UUID");
            }
            definition.useUuid(uuid);
            metadata = current.definition().metadata();
        } else {
            if (mustExist) {
                throw notFound(name);
            }
            if (!caller.has(Permission.VM_CREATE)) {
                throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(), "create virtual machine " + name);
            }
            access.claimFreeName(name);
            locks.claim(LockTarget.vm(host.ref(), name));
            if (definition.uuid() != null && uuidTaken(DomainIds.uuidKey(definition.uuid()))) {
                throw new VireoException(ErrorCode.XEN_IDENTITY_CONFLICT, "Another domain of the zone has the UUID "
                        + definition.uuid() + ": leave uuid out for a new one");
            }
            metadata = new VireoMetadata(null, caller.name(), List.of(), List.of(), List.of(), callers.currentToken());
        }
        List<String> warnings = new ArrayList<>();
        if (DomainXmlWriter.replaceMetadata(definition.xml(), metadata)) {
            warnings.add("metadata in Vireo's namespace (" + VireoMetadata.NAMESPACE + ") is Vireo's own: "
                    + (existing.isPresent() ? "the domain's was kept" : "it was replaced"));
        }
        DomainSummary defined = host.rawDomains().define(name, definition.xml());
        return new Defined(defined.definition().uuid(), warnings, existing.isEmpty());
    }

    private boolean uuidTaken(String key) {
        for (HostGateways host : zone.connected()) {
            if (host.domains().list().stream().anyMatch(d -> key.equals(DomainIds.uuidKey(d.definition().uuid())))) {
                return true;
            }
        }
        return false;
    }

    // lifecycle

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.start")
    public Outcome start(String idOrName, String flag) {
        return bringTo(true, idOrName, DomainFlags.START, flag, RawDomainGateway::start);
    }

    /** Asks the guest to shut down (as {@code flag} says how); already shut off: {@link Outcome#ALREADY}. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.stop")
    public Outcome stop(String idOrName, String flag) {
        return bringTo(false, idOrName, DomainFlags.SHUTDOWN, flag, RawDomainGateway::shutdown);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.destroy")
    public Outcome destroy(String idOrName, String flag) {
        return bringTo(false, idOrName, DomainFlags.DESTROY, flag, RawDomainGateway::destroy);
    }

    /** A gateway call that takes flags; false when there is no such domain. */
    @FunctionalInterface
    private interface FlaggedCall {
        boolean apply(RawDomainGateway gateway, String name, int flags);
    }

    /** Makes a domain active (or inactive) by {@code call}, unless it already is: {@link Outcome#ALREADY}, the seed's 304. */
    private Outcome bringTo(boolean active, String idOrName, DomainFlags flags, String flag, FlaggedCall call) {
        String name = nameOf(idOrName);
        int value = flags.parse(flag);
        claim(name);
        if (ACTIVE.contains(state(name)) == active) {
            return Outcome.ALREADY;
        }
        requireFound(call.apply(hostOf(name).rawDomains(), name, value), idOrName);
        return Outcome.CHANGED;
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.restart")
    public void restart(String idOrName, String flag) {
        String name = nameOf(idOrName);
        int flags = DomainFlags.REBOOT.parse(flag);
        claimIn(name, RUNNING, "restart");
        requireFound(hostOf(name).rawDomains().reboot(name, flags), idOrName);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.suspend")
    public void suspend(String idOrName) {
        String name = nameOf(idOrName);
        claimIn(name, RUNNING, "suspend");
        requireFound(hostOf(name).rawDomains().suspend(name), idOrName);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.resume")
    public void resume(String idOrName) {
        String name = nameOf(idOrName);
        claimIn(name, EnumSet.of(DomainState.PAUSED), "resume");
        requireFound(hostOf(name).rawDomains().resume(name), idOrName);
    }

    /**
     * Undefines a domain as libvirt does: a running one goes on as a transient domain, and no
     * volume is deleted (DELETE /api/vms/{name} removes a VM with the volumes Vireo made for it).
     */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.delete")
    public void delete(String idOrName, String flag) {
        String name = nameOf(idOrName);
        int flags = DomainFlags.UNDEFINE.parse(flag);
        claim(name);
        hostOf(name).rawDomains().undefine(name, flags).orElseThrow(() -> notFound(idOrName));
    }

    // devices and sizes

    /** Attaches a device given as the JSON form of its element; answers that form. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.attach")
    public JsonObject attach(String idOrName, String flag, RawDevice device) {
        requireHostManage(callers.current(), "attach a device given as XML");
        String name = nameOf(idOrName);
        int flags = DomainFlags.AFFECT.parse(flag);
        claim(name);
        requireFound(hostOf(name).rawDomains().attach(name, device.xml(), flags), idOrName);
        return device.json();
    }

    /** Sets the current ({@code type} target, the default) or maximum ({@code max}) memory, in KiB. */
    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.memory")
    public void resizeMemory(String idOrName, String size, String type, String flag) {
        String name = nameOf(idOrName);
        int flags = DomainFlags.AFFECT.parse(flag);
        long kib = wholeNumber("size", size, 1, Long.MAX_VALUE / 1024);
        boolean maximum = switch (type == null ? "target" : type) {
            case "target" -> false;
            case "max" -> true;
            default -> throw new VireoException(ErrorCode.XEN_INVALID_PARAMETER, "type", type,
                    "use max (the maximum memory) or target (the current memory)");
        };
        claim(name);
        requireFound(hostOf(name).rawDomains().setMemory(name, kib, maximum, flags), idOrName);
    }

    @RolesAllowed(Permission.VM_MANAGE)
    @Audited("domain.vcpus")
    public void resizeVcpus(String idOrName, String size, String flag) {
        String name = nameOf(idOrName);
        int flags = DomainFlags.AFFECT.parse(flag);
        int count = (int) wholeNumber("size", size, 1, 4096);
        claim(name);
        requireFound(hostOf(name).rawDomains().setVcpus(name, count, flags), idOrName);
    }

    // finding domains

    /** The name of the domain {@code idOrName} names (a UUID or a name), if the caller may see it; else 404. */
    private String nameOf(String idOrName) {
        String key = DomainIds.uuidKey(idOrName);
        if (key != null) {
            Caller caller = callers.current();
            List<HostGateways> hosts = access.namedHost().map(List::of).orElseGet(zone::connected);
            for (HostGateways host : hosts) {
                Optional<DomainSummary> match = host.domains().list().stream()
                        .filter(domain -> key.equals(DomainIds.uuidKey(domain.definition().uuid())))
                        .filter(domain -> caller.mayUse(domain.definition().metadata()))
                        .findFirst();
                if (match.isPresent()) {
                    return match.get().name();
                }
            }
            throw notFound(idOrName);
        }
        if (!ResourceName.isValid(idOrName)) {
            throw notFound(idOrName);
        }
        try {
            return access.require(idOrName).name();
        } catch (VireoException e) {
            throw e.error() == ErrorCode.VM_NOT_FOUND ? notFound(idOrName) : e;
        }
    }

    /** Locks the domain named for this operation (see {@link VmAccess#claim}). */
    private void claim(String name) {
        try {
            access.claim(name);
        } catch (VireoException e) {
            throw e.error() == ErrorCode.VM_NOT_FOUND ? notFound(name) : e;
        }
    }

    /** {@link #claim}, refused (409) unless the domain is in one of {@code states}. */
    private void claimIn(String name, Set<DomainState> states, String action) {
        claim(name);
        DomainState state = state(name);
        if (!states.contains(state)) {
            throw new VireoException(ErrorCode.XEN_WRONG_STATE, name, state.apiName(), action);
        }
    }

    private DomainState state(String name) {
        return hostOf(name).domains().get(name).map(DomainSummary::state).orElseThrow(() -> notFound(name));
    }

    private HostGateways hostOf(String name) {
        return access.hostOf(name);
    }

    private static void requireFound(boolean found, String idOrName) {
        if (!found) {
            throw notFound(idOrName);
        }
    }

    private static VireoException notFound(String idOrName) {
        return new VireoException(ErrorCode.XEN_DOMAIN_NOT_FOUND, idOrName);
    }

    private static void requireHostManage(Caller caller, String what) {
        if (!caller.has(Permission.HOST_MANAGE)) {
            throw new VireoException(ErrorCode.NOT_ALLOWED, caller.name(), what
                    + " (raw XML can name any file, device or option of the host: it needs host.manage)");
        }
    }

    private static boolean parseBoolean(String field, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value) {
            case "1", "True", "true" -> true;
            case "0", "False", "false" -> false;
            default -> throw new VireoException(ErrorCode.XEN_INVALID_PARAMETER, field, value,
                    "use 1, True or true, or 0, False or false");
        };
    }

    private static long wholeNumber(String field, String value, long min, long max) {
        if (value == null || value.isEmpty()) {
            throw new VireoException(ErrorCode.XEN_INVALID_PARAMETER, field, "", "it is required");
        }
        long number;
        try {
            number = value.matches("[0-9]{1,19}") ? Long.parseLong(value) : -1;
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < min || number > max) {
            throw new VireoException(ErrorCode.XEN_INVALID_PARAMETER, field, value,
                    "a whole number from " + min + " to " + max);
        }
        return number;
    }
}
