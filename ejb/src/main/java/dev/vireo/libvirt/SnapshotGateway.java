package dev.vireo.libvirt;

import java.util.List;
import java.util.Optional;

/** The snapshots of a host's domains; each answer is empty when there is no such domain. */
public final class SnapshotGateway extends BoundGateway {

    SnapshotGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    public Optional<List<SnapshotSummary>> list(String vm) {
        return call(connect -> Handles.domain(connect, vm, SnapshotOperations::list));
    }

    /** One snapshot; empty inside when there is no such snapshot. */
    public Optional<Optional<SnapshotSummary>> get(String vm, String name) {
        return call(connect -> Handles.domain(connect, vm, domain -> SnapshotOperations.get(domain, name)));
    }

    public Optional<SnapshotSummary> create(String vm, String name, String description) {
        return call(connect -> Handles.domain(connect, vm, domain -> SnapshotOperations.create(domain, name, description)));
    }

    /** Reverts a domain to a snapshot; empty inside when there is no such snapshot. */
    public Optional<Optional<SnapshotSummary>> revert(String vm, String name) {
        return callThenReread(connect -> Handles.domain(connect, vm, domain -> SnapshotOperations.revert(domain, name)),
                vm);
    }

    /** Deletes a snapshot; false inside when there is no such snapshot. */
    public Optional<Boolean> delete(String vm, String name) {
        return call(connect -> Handles.domain(connect, vm, domain -> SnapshotOperations.delete(domain, name)));
    }
}
