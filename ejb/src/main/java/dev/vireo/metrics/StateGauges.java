package dev.vireo.metrics;

import dev.vireo.job.JobStore;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostLiveness;
import dev.vireo.vmpool.PoolVms;
import dev.vireo.zone.CellStates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The gauges of Vireo's state for the {@code /metrics} scrape: VMs by state per host, each host's
 * connection state, how long ago each job last ran and each VM pool's size and ready VMs. They are
 * read once per round of the job {@code metrics} (every 5 s by default), not at each scrape: a
 * scrape runs on the management interface's threads, outside the application, and must not query
 * the database or libvirt. A job's age is the exception: it grows at each scrape from the start
 * time the round read.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class StateGauges {

    @Inject
    MeterRegistry registry;

    @EJB
    CellStates cells;

    @EJB
    JobStore jobs;

    @EJB
    PoolVms pools;

    private GaugeRows<Long> vms;
    private GaugeRows<Long> hosts;
    private GaugeRows<Instant> jobAges;
    private GaugeRows<Long> poolReady;
    private GaugeRows<Long> poolSize;

    @PostConstruct
    void register() {
        vms = new GaugeRows<>(registry, "vireo.vms", Long::doubleValue);
        hosts = new GaugeRows<>(registry, "vireo.host.connection", Long::doubleValue);
        jobAges = new GaugeRows<>(registry, "vireo.job.last.run.age.seconds", StateGauges::ageSeconds);
        poolReady = new GaugeRows<>(registry, "vireo.vmpool.ready", Long::doubleValue);
        poolSize = new GaugeRows<>(registry, "vireo.vmpool.size", Long::doubleValue);
    }

    /** The registry outlives this deployment: its series go with it, not left reading holders nobody sets. */
    @PreDestroy
    void unregister() {
        for (GaugeRows<?> rows : List.of(vms, hosts, jobAges, poolReady, poolSize)) {
            rows.show(Map.of());
        }
    }

    /** One round (job {@code metrics}); what it read. */
    public String refresh() {
        List<CellStates.Cell> zone = cells.cells();
        Map<Tags, Long> vmCounts = new HashMap<>();
        Map<Tags, Long> hostStates = new HashMap<>();
        for (CellStates.Cell cell : zone) {
            String host = cell.host().name();
            for (HostLiveness.State state : HostLiveness.State.values()) {
                hostStates.put(Tags.of("host", host, "state", state.name().toLowerCase(Locale.ROOT)),
                        state == cell.liveness().state() ? 1L : 0L);
            }
            // a host never read has no counts: unknown, not zero
            if (cell.domains() != null) {
                for (DomainState state : DomainState.values()) {
                    vmCounts.put(Tags.of("host", host, "state", state.apiName()), 0L);
                }
                for (DomainSummary domain : cell.domains()) {
                    vmCounts.merge(Tags.of("host", host, "state", domain.state().apiName()), 1L, Long::sum);
                }
            }
        }
        vms.show(vmCounts);
        hosts.show(hostStates);

        Map<Tags, Instant> starts = new HashMap<>();
        jobs.lastStarts().forEach((job, started) -> starts.put(Tags.of("job", job), started));
        jobAges.show(starts);

        Map<Tags, Long> ready = new HashMap<>();
        Map<Tags, Long> sizes = new HashMap<>();
        for (PoolVms.Readiness pool : pools.readiness()) {
            ready.put(Tags.of("pool", pool.pool()), pool.ready());
            sizes.put(Tags.of("pool", pool.pool()), (long) pool.size());
        }
        poolReady.show(ready);
        poolSize.show(sizes);
        return zone.size() + " host(s), " + starts.size() + " job(s), " + ready.size() + " VM pool(s)";
    }

    private static double ageSeconds(Instant started) {
        return Duration.between(started, Instant.now()).toMillis() / 1000.0;
    }
}
