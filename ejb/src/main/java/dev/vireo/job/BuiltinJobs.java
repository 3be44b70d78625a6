package dev.vireo.job;

import dev.vireo.audit.AuditLog;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.HostStatsSampler;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.metrics.StateGauges;
import dev.vireo.security.AccessKeyService;
import dev.vireo.security.LoginThrottle;
import dev.vireo.task.TaskRecorder;
import dev.vireo.vm.VmEventLog;
import dev.vireo.vm.VmStatsSampler;
import dev.vireo.zone.HostMonitor;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Vireo's own scheduled jobs, registered with the {@link JobRegistry} at start-up; each job's work
 * stays in the bean that owns it. Retention periods are configuration (system properties or the
 * environment: {@code vireo.retention.tasks} is {@code VIREO_RETENTION_TASKS}), read at each run.
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuiltinJobs {

    static final String TASKS = "vireo.retention.tasks";
    static final String AUDIT = "vireo.retention.audit";
    static final String JOB_RUNS = "vireo.retention.job-runs";
    static final String JOB_RUNS_PER_JOB = "vireo.retention.job-runs-per-job";

    @EJB
    JobRegistry jobs;

    @EJB
    JobStore store;

    @EJB
    VmStatsSampler vmStats;

    @EJB
    HostStatsSampler hostStats;

    @EJB
    HostMonitor hostMonitor;

    @EJB
    HostConnections connections;

    @EJB
    StateGauges gauges;

    @EJB
    AccessKeyService keys;

    @EJB
    LoginThrottle loginThrottle;

    @EJB
    TaskRecorder tasks;

    @EJB
    AuditLog audit;

    @EJB
    VmEventLog vmEvents;

    @Inject
    @ConfigProperty(name = TASKS, defaultValue = "30d")
    String taskRetention;

    @Inject
    @ConfigProperty(name = AUDIT, defaultValue = "365d")
    String auditRetention;

    @Inject
    @ConfigProperty(name = JOB_RUNS, defaultValue = "7d")
    String jobRunRetention;

    @Inject
    @ConfigProperty(name = JOB_RUNS_PER_JOB, defaultValue = "100")
    String jobRunsPerJob;

    @PostConstruct
    void register() {
        jobs.register(JobDefinition.eachServer("vm-stats", "every 5s",
                "Samples the counters of the running VMs of every connected host into their utilisation"),
                JobWork.of(vmStats::sample));
        jobs.register(JobDefinition.eachServer("host-stats", "every 5s",
                "Samples this machine's CPU, memory, disk and network counters (a local default host only)"),
                JobWork.of(hostStats::sample));
        jobs.register(JobDefinition.eachServer("host-monitor", "every 15s",
                "Probes every registered host's connection and reads its status (reconnects hosts that came back)"),
                JobWork.of(hostMonitor::probeAll));
        jobs.register(JobDefinition.eachServer("domain-resync", "every 1m",
                "Reloads each host's VM list to repair what no libvirt event reports (autostart, title)"),
                JobWork.of(connections::resync));
        jobs.register(JobDefinition.eachServer("metrics", "every 5s",
                "Reads the VMs per host and state, the hosts' connections, the jobs' last runs and the VM pools' "
                        + "ready VMs into the gauges /metrics shows"), gauges::refresh);
        jobs.register(JobDefinition.eachServer("login-attempts", "every 10m",
                "Forgets failed logins older than the throttle's window"), JobWork.of(loginThrottle::removeForgotten));
        jobs.register(JobDefinition.cluster("session-expiry", "every 10m", "Removes ended sessions and expired tokens"),
                () -> "removed " + keys.removeExpired() + " ended session(s) or token(s)");
        jobs.register(JobDefinition.cluster("task-retention", "every 1h",
                "Removes tasks that ended longer ago than " + TASKS + " (default 30d)"), () -> {
                    Duration period = period(TASKS, taskRetention);
                    return "removed " + tasks.removeEndedBefore(Instant.now().minus(period))
                            + " task(s) that ended over " + taskRetention.strip() + " ago";
                });
        jobs.register(JobDefinition.cluster("audit-retention", "every 1h",
                "Removes audit log entries and VM events older than " + AUDIT + " (default 365d)"), () -> {
                    Duration period = period(AUDIT, auditRetention);
                    Instant before = Instant.now().minus(period);
                    return "removed " + audit.removeBefore(before) + " audit entr(ies) and " + vmEvents.removeBefore(before)
                            + " VM event(s) older than " + auditRetention.strip();
                });
        jobs.register(JobDefinition.cluster("job-run-retention", "every 1h",
                "Removes job runs older than " + JOB_RUNS + " (default 7d) and keeps at most " + JOB_RUNS_PER_JOB
                        + " (default 100) of each job"), () -> {
                    Duration period = period(JOB_RUNS, jobRunRetention);
                    int perJob = count(JOB_RUNS_PER_JOB, jobRunsPerJob);
                    return "removed " + store.pruneRuns(Instant.now().minus(period), perJob) + " job run(s)";
                });
    }

    static Duration period(String property, String value) {
        return JobSchedule.duration(value).orElseThrow(() -> new VireoException(ErrorCode.INVALID_RETENTION, property, value));
    }

    static int count(String property, String value) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new VireoException(ErrorCode.INVALID_VALUE, property, value + " (a whole number of at least 1)");
    }
}
