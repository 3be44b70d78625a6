package dev.vireo.job;

import dev.vireo.error.VireoException;
import dev.vireo.node.LocalNode;
import dev.vireo.persistence.job.JobClaim;
import dev.vireo.persistence.job.JobRun;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that runs Vireo's scheduled jobs. Owners register a job once at start-up
 * ({@link #register}); every second this server looks for the jobs due for it, claims each in the
 * database (one conditional UPDATE, so that of several servers only one runs a cluster job per
 * period, and no job runs twice at once) and runs it on the managed executor, recording the run.
 * Schedules and enabled flags live in the database, so an operator's change reaches every server
 * and survives a restart.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRegistry {

    private static final Logger LOG = Logger.getLogger(JobRegistry.class.getName());

    @EJB
    JobStore store;

    @Resource
    ManagedExecutorService executor;

    @Resource
    TimerService timers;

    private record Registered(JobDefinition definition, JobWork work) {
    }

    private final Map<String, Registered> jobs = new ConcurrentHashMap<>();
    /** Registered, their rows not written yet (the database did not answer): written on a later tick. */
    private final Set<String> unwritten = ConcurrentHashMap.newKeySet();
    private final Set<String> runningHere = ConcurrentHashMap.newKeySet();
    /** Jobs asked to run at the next tick rather than at their next period ({@link #runSoon}). */
    private final Set<String> soon = ConcurrentHashMap.newKeySet();
    private final String node = LocalNode.name();

    @PostConstruct
    void endClaimsOfTheLastStart() {
        // start-up code must never throw: a failing singleton start blocks timers and shutdown
        try {
            int released = store.releaseHeldBy(node);
            if (released > 0) {
                LOG.warning(() -> released + " job run(s) of " + node + " were cut short by its restart");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot release the job claims of " + node, e);
        }
        nextTick();
    }

    /**
     * The next tick a second after this one ended, rather than every second: the first ticks after a
     * start, slow while nothing is warm, would overlap and be skipped (with a warning each).
     */
    private void nextTick() {
        try {
            timers.createSingleActionTimer(1000, new TimerConfig("job runner", false));
        } catch (IllegalStateException | EJBException e) {
            LOG.log(Level.FINE, "No next tick of the job runner: the server is stopping", e);
        }
    }

    /**
     * Registers a job: from now on this registry runs {@code work} on the job's schedule. Call it
     * once per server start, from a {@code @Startup} bean (see {@code BuiltinJobs}).
     */
    public void register(JobDefinition definition, JobWork work) {
        if (jobs.putIfAbsent(definition.name(), new Registered(definition, work)) != null) {
            throw new IllegalStateException("Job " + definition.name() + " is registered twice");
        }
        unwritten.add(definition.name());
        writeRows(definition);
    }

    public Optional<JobDefinition> definition(String name) {
        Registered job = name == null ? null : jobs.get(name);
        return Optional.ofNullable(job).map(Registered::definition);
    }

    public Collection<JobDefinition> definitions() {
        return jobs.values().stream().map(Registered::definition).toList();
    }

    /** This server's name among several (WildFly's jboss.node.name). */
    public String node() {
        return node;
    }

    /** The holder of the claim this server runs the job under. */
    public String holderOf(JobDefinition definition) {
        return definition.scope() == JobDefinition.Scope.CLUSTER ? JobClaim.EVERY_SERVER : node;
    }

    /**
     * Brings an enabled job's next run forward to the next tick (of whichever server claims it);
     * for work that something just made necessary. Cheap: the database is written at the tick,
     * outside the caller's transaction.
     */
    public void runSoon(String name) {
        soon.add(name);
    }

    @Timeout
    void tick() {
        try {
            runDue();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "The job runner's tick failed; the next one tries again", e);
        } finally {
            nextTick();
        }
    }

    private void runDue() {
        unwritten.forEach(name -> writeRows(jobs.get(name).definition()));
        java.time.Instant now = JobStore.now();
        for (String name : soon) {
            soon.remove(name);
            try {
                store.bringForward(name, now);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Cannot bring job " + name + " forward", e);
            }
        }
        List<JobStore.Due> due;
        try {
            due = store.due(List.of(JobClaim.EVERY_SERVER, node), now);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot read the jobs due", e);
            return;
        }
        for (JobStore.Due claim : due) {
            Registered job = jobs.get(claim.job());
            // a job of another version on another server, or one this server runs already
            if (job != null && runningHere.add(claim.job())) {
                start(job, claim, now);
            }
        }
    }

    private void start(Registered job, JobStore.Due due, java.time.Instant now) {
        String name = job.definition().name();
        boolean claimed = false;
        try {
            claimed = store.claim(due, JobStore.nextDue(due.enabled(), due.schedule(), now), node,
                    now.plus(job.definition().lease()), now);
            if (claimed) {
                executor.execute(() -> run(job, due.holder()));
                return;
            }
        } catch (RejectedExecutionException e) {
            LOG.warning(() -> "Cannot start job " + name + " now: the executor takes no work");
            store.finish(name, due.holder(), node, null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot claim job " + name, e);
        }
        runningHere.remove(name);
    }

    private void run(Registered job, String holder) {
        String name = job.definition().name();
        java.time.Instant started = JobStore.now();
        long start = System.nanoTime();
        String result = JobRun.OK;
        String message;
        try {
            message = job.work().run();
        } catch (VireoException e) {
            result = JobRun.FAILED;
            message = e.code() + ": " + e.reason();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Job " + name + " failed", e);
            result = JobRun.FAILED;
            message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        try {
            store.finish(name, holder, node, new JobRun(name, node, started, millis, result, message));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot record the run of job " + name, e);
        } finally {
            runningHere.remove(name);
        }
    }

    private void writeRows(JobDefinition definition) {
        try {
            store.ensure(definition, holderOf(definition), JobStore.now());
            unwritten.remove(definition.name());
        } catch (RuntimeException e) {
            // another server wrote them at the same moment, or the database is away: the next tick tries again
            LOG.log(Level.FINE, "Cannot write the rows of job " + definition.name() + " yet", e);
        }
    }
}
