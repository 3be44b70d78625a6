package dev.vireo.zone;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.HostRef;
import dev.vireo.libvirt.NetworkSummary;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * A compute pool's storage pool and network, defined on every cell of it (Nano's pool
 * {@code storage} and {@code network}). The definition is taken from the first cell of the pool
 * (by name) that has it, else from the default host (where {@code /nano/storage_pools} defines
 * Nano's storage pools), and copied as libvirt has it there ({@code CellCopyOperations}); a cell
 * that has it inactive gets it started. Where a cell cannot take it (down, no such directory or
 * export, no definition anywhere), the answer says so, cell by cell.
 */
@Stateless
@RolesAllowed({Permission.HOST_READ, Permission.STORAGE_READ})
public class CellResources {

    /** A compute pool's storage pool or network that a cell lacks, and why. */
    public record Unattached(String host, String kind, String name, String reason) {
    }

    /** How one kind of resource is read, defined and started on a host. */
    private record Kind(String label, BiFunction<HostGateways, String, Optional<Boolean>> active,
                        BiFunction<HostGateways, String, Optional<String>> portable,
                        BiConsumer<HostGateways, String> define, BiConsumer<HostGateways, String> start) {
    }

    private static final Kind STORAGE = new Kind("storage pool",
            (host, name) -> host.storage().pool(name).map(PoolSummary::active),
            (host, name) -> host.storage().portablePool(name),
            (host, xml) -> host.storage().definePortablePool(xml),
            (host, name) -> host.storage().activatePool(name));

    private static final Kind NETWORK = new Kind("network",
            (host, name) -> host.networks().get(name).map(NetworkSummary::active),
            (host, name) -> host.networks().portable(name),
            (host, xml) -> host.networks().definePortable(xml),
            (host, name) -> host.networks().setActive(name, true));

    @EJB
    HostConnections connections;

    /** Defines the storage pool and network (either may be null) on every cell that lacks them; answers what is still missing. */
    @RolesAllowed({Permission.HOST_MANAGE, Permission.STORAGE_MANAGE})
    public List<Unattached> spread(String storage, String network, List<HostRef> cells) {
        return spread(storage, network, cells, cells);
    }

    /**
     * Defines them on {@code joining}, a cell that joins a pool of {@code cells} (it among them),
     * copied from the first of those that has them; answers what {@code joining} still lacks.
     */
    @RolesAllowed({Permission.HOST_MANAGE, Permission.STORAGE_MANAGE})
    public List<Unattached> join(String storage, String network, List<HostRef> cells, HostRef joining) {
        return spread(storage, network, cells, List.of(joining));
    }

    private List<Unattached> spread(String storage, String network, List<HostRef> cells, List<HostRef> targets) {
        List<Unattached> missing = new ArrayList<>();
        if (storage != null) {
            missing.addAll(spread(STORAGE, storage, cells, targets, true));
        }
        if (network != null) {
            missing.addAll(spread(NETWORK, network, cells, targets, true));
        }
        return missing;
    }

    /** Which cells lack the storage pool or network (or have it inactive), changing nothing. */
    public List<Unattached> check(String storage, String network, List<HostRef> cells) {
        List<Unattached> missing = new ArrayList<>();
        if (storage != null) {
            missing.addAll(spread(STORAGE, storage, cells, cells, false));
        }
        if (network != null) {
            missing.addAll(spread(NETWORK, network, cells, cells, false));
        }
        return missing;
    }

    private List<Unattached> spread(Kind kind, String name, List<HostRef> cells, List<HostRef> targets, boolean define) {
        List<HostRef> byName = cells.stream().sorted(Comparator.comparing(HostRef::name)).toList();
        List<Unattached> missing = new ArrayList<>();
        String definition = null;
        String definitionError = null;
        for (HostRef cell : targets.stream().sorted(Comparator.comparing(HostRef::name)).toList()) {
            HostGateways host = connections.of(cell);
            try {
                Optional<Boolean> active = kind.active().apply(host, name);
                if (active.isPresent() && active.get()) {
                    continue;
                }
                if (!define) {
                    missing.add(new Unattached(cell.name(), kind.label(), name,
                            active.isPresent() ? "defined but not active" : "not defined"));
                    continue;
                }
                if (active.isPresent()) {
                    kind.start().accept(host, name);
                    continue;
                }
                if (definition == null && definitionError == null) {
                    Optional<String> found = source(kind, name, byName);
                    definition = found.orElse(null);
                    definitionError = found.isPresent() ? null : "no cell of the compute pool and not the default host"
                            + " has a " + kind.label() + " " + name + " to copy: define it on one of them first";
                }
                if (definition == null) {
                    missing.add(new Unattached(cell.name(), kind.label(), name, definitionError));
                    continue;
                }
                kind.define().accept(host, definition);
            } catch (VireoException e) {
                missing.add(new Unattached(cell.name(), kind.label(), name, e.reason()));
            }
        }
        return missing;
    }

    /** The definition of the first cell that has it, else the default host's. */
    private Optional<String> source(Kind kind, String name, List<HostRef> cells) {
        for (HostRef cell : cells) {
            Optional<String> found = readQuietly(kind, name, connections.of(cell));
            if (found.isPresent()) {
                return found;
            }
        }
        return readQuietly(kind, name, connections.local());
    }

    private static Optional<String> readQuietly(Kind kind, String name, HostGateways host) {
        try {
            return kind.portable().apply(host, name);
        } catch (VireoException e) {
            // an unreachable host offers no definition; the cells that lack it say why
            return Optional.empty();
        }
    }
}
