package dev.vireo.libvirt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A host's domains: reads (from the host's domain cache), lifecycle, definition, migration, screenshots. */
public final class DomainGateway extends BoundGateway {

    DomainGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    /** Every domain of the host, with its definition and state. */
    public List<DomainSummary> list() {
        return connections.domains(host);
    }

    /** The domain named {@code name}, if the host has one. */
    public Optional<DomainSummary> get(String name) {
        return connections.domain(host, name);
    }

    /** Applies a lifecycle action to a domain and reads it back; empty when there is no such domain. */
    public Optional<DomainSummary> act(String name, DomainAction action) {
        return callThenReread(connect -> LifecycleOperations.act(connect, name, action), name);
    }

    /** Makes a domain start (or not) with its host; empty when there is no such domain. */
    public Optional<DomainSummary> setAutostart(String name, boolean autostart) {
        return callThenReread(connect -> LifecycleOperations.setAutostart(connect, name, autostart), name);
    }

    /** Defines a persistent domain from its spec and returns it as libvirt now reports it. */
    public DomainSummary define(DomainSpec spec) {
        return callThenReread(connect -> LifecycleOperations.define(connect, DomainXmlWriter.write(spec)), spec.name());
    }

    /** Defines a copy of a domain (see {@link DefinitionOperations#defineClone}). */
    public Optional<DomainSummary> defineClone(String source, String cloneName, String cloneUuid, Map<String, String> paths,
                                               List<VireoMetadata.OwnedVolume> owned, String owner) {
        return callThenReread(connect -> DefinitionOperations.defineClone(connect, source, cloneName, cloneUuid, paths, owned, owner),
                cloneName);
    }

    /** Changes a domain (see {@link DefinitionOperations#reconfigure}); empty when there is no such domain. */
    public Optional<DomainChange.Outcome> reconfigure(String name, DomainChange change) {
        return reconfigure(name, change, true);
    }

    /** {@link #reconfigure}; with {@code live} false a running domain keeps what it has until its next start. */
    public Optional<DomainChange.Outcome> reconfigure(String name, DomainChange change, boolean live) {
        return callThenReread(connect -> DefinitionOperations.reconfigure(connect, name, change, live),
                name, change.name() == null ? name : change.name());
    }

    /** Makes {@code volume} one the domain owns: it goes when the domain is deleted; empty when there is no such domain. */
    public Optional<DomainSummary> ownVolume(String name, VireoMetadata.OwnedVolume volume) {
        return callThenReread(connect -> DefinitionOperations.ownVolume(connect, name, volume), name);
    }

    /**
     * Sets a guest user's password in the running guest through its QEMU guest agent and keeps
     * {@code record}; 409 when no agent answers or it refuses; empty when there is no such domain.
     */
    public Optional<DomainSummary> setUserPassword(String name, String user, String password, GuestAuthRecord record) {
        return callThenReread(connect -> GuestAuthOperations.setLive(connect, name, user, password, record), name);
    }

    /** Attaches the cloud-init seed drive {@code isoPath} (once) and keeps {@code record}; empty when there is no such domain. */
    public Optional<DomainSummary> setUserPasswordAtNextBoot(String name, String isoPath, GuestAuthRecord record) {
        return callThenReread(connect -> GuestAuthOperations.setAtNextBoot(connect, name, isoPath, record), name);
    }

    /** The record of the last guest password Vireo set; empty outer when there is no such domain. */
    public Optional<Optional<GuestAuthRecord>> userPasswordRecord(String name) {
        return call(connect -> GuestAuthOperations.record(connect, name));
    }

    /** Powers off (if running) and undefines a domain; empty when there was no such domain. */
    public Optional<DomainSummary> remove(String name) {
        return callThenReread(connect -> LifecycleOperations.remove(connect, name), name);
    }

    /**
     * Moves a domain to host {@code destination} (see {@link MigrationOperations#migrate}); empty
     * when there is no such domain.
     */
    public Optional<String> migrate(String name, HostRef destination, String migrateUri, boolean unsafe) {
        return connections.migrate(host, name, destination, migrateUri, unsafe);
    }

    /**
     * Moves a running domain live to the registered host {@code destination} (see
     * {@link MigrationOperations#migrateLive}); false when there is no such domain.
     */
    public boolean migrateLive(String name, HostRef destination, String migrateUri, boolean copyStorage, boolean unsafe) {
        return connections.migrateLive(host, name, destination, migrateUri, copyStorage, unsafe);
    }

    /** A domain's persistent definition as another host can define it; empty when there is no such domain. */
    public Optional<String> migratableXml(String name) {
        return call(connect -> MigrationOperations.migratableXml(connect, name));
    }

    /** Defines a persistent domain from another host's definition of it ({@link #migratableXml}). */
    public DomainSummary defineFrom(String name, String xml) {
        return callThenReread(connect -> LifecycleOperations.define(connect, xml), name);
    }

    /** Captures a running domain's display; empty when there is no such domain. */
    public Optional<Screenshot> screenshot(String name) {
        return call(connect -> ScreenshotOperations.screenshot(connect, name));
    }

    /** The counters of the host's running domains, for the statistics sampler. */
    public List<DomainCounters> sampleRunning() {
        List<DomainSummary> running = list().stream()
                .filter(domain -> domain.state() == DomainState.RUNNING || domain.state() == DomainState.BLOCKED
                        || domain.state() == DomainState.PAUSED)
                .toList();
        return call(connect -> StatsOperations.sample(connect, running));
    }
}
