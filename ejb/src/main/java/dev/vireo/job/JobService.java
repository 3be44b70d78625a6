package dev.vireo.job;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.job.JobClaim;
import dev.vireo.persistence.job.JobRun;
import dev.vireo.persistence.job.JobSettings;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The scheduled jobs for operators: what runs when and how it went; enable, disable, re-schedule, run now. */
@Stateless
@RolesAllowed(Permission.JOB_READ)
public class JobService {

    /** How many runs a job's own document shows. */
    static final int RUNS_SHOWN = 20;

    @EJB
    JobRegistry registry;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /** Every job, by name, with its last run. */
    public List<JobView> list() {
        Map<String, JobRun> last = new HashMap<>();
        em.createQuery("select r from JobRun r where r.started = (select max(o.started) from JobRun o where o.job = r.job)",
                JobRun.class).getResultList().forEach(run -> last.merge(run.getJob(), run,
                        (one, other) -> one.getId() > other.getId() ? one : other));
        return registry.definitions().stream().sorted(Comparator.comparing(JobDefinition::name))
                .map(definition -> view(definition, last.get(definition.name()), null)).toList();
    }

    /** One job with its last runs, newest first. */
    public JobView get(String name) {
        JobDefinition definition = find(name);
        List<JobRun> runs = em.createQuery("select r from JobRun r where r.job = :job order by r.started desc, r.id desc",
                JobRun.class).setParameter("job", name).setMaxResults(RUNS_SHOWN).getResultList();
        return view(definition, runs.isEmpty() ? null : runs.get(0), runs.stream().map(JobRunView::of).toList());
    }

    /** Enables or disables a job, or gives it a new schedule: due one period of it from now on every server. */
    @RolesAllowed(Permission.JOB_MANAGE)
    @Audited("job.update")
    public JobView update(String name, JobUpdate update) {
        JobDefinition definition = find(name);
        if (update == null || update.enabled() == null && update.schedule() == null) {
            throw new VireoException(ErrorCode.NOTHING_TO_CHANGE);
        }
        String schedule = update.schedule() == null ? null : JobSchedule.parse(update.schedule()).text();
        JobSettings settings = settings(definition);
        boolean enabled = Objects.requireNonNullElse(update.enabled(), settings.isEnabled());
        String written = Objects.requireNonNullElse(schedule, settings.getSchedule());
        Instant now = JobStore.now();
        settings.change(enabled, written, now);
        em.createNamedQuery(JobClaim.RESCHEDULE).setParameter("next", JobStore.nextDue(enabled, written, now))
                .setParameter("job", name).executeUpdate();
        return get(name);
    }

    /** Runs a job as soon as a server is free to (within a second), enabled or not; a job running now runs again after. */
    @RolesAllowed(Permission.JOB_MANAGE)
    @Audited("job.run")
    public JobView runNow(String name) {
        find(name);
        em.createNamedQuery(JobClaim.RESCHEDULE).setParameter("next", JobStore.now()).setParameter("job", name)
                .executeUpdate();
        return get(name);
    }

    private JobDefinition find(String name) {
        return registry.definition(name).orElseThrow(() -> new VireoException(ErrorCode.JOB_NOT_FOUND, name));
    }

    /** The job's settings; those of its definition while its registration has not reached the database yet. */
    private JobSettings settings(JobDefinition definition) {
        JobSettings settings = em.find(JobSettings.class, definition.name());
        if (settings == null) {
            settings = new JobSettings(definition.name(), true, JobSchedule.parse(definition.defaultSchedule()).text(),
                    JobStore.now());
            em.persist(settings);
        }
        return settings;
    }

    private JobView view(JobDefinition definition, JobRun last, List<JobRunView> runs) {
        JobSettings settings = em.find(JobSettings.class, definition.name());
        boolean enabled = settings == null || settings.isEnabled();
        String schedule = settings == null ? JobSchedule.parse(definition.defaultSchedule()).text() : settings.getSchedule();
        JobClaim claim = em.find(JobClaim.class, new JobClaim.Key(definition.name(), registry.holderOf(definition)));
        Instant now = Instant.now();
        Instant next = claim == null ? null : claim.getNextDue();
        boolean running = em.createQuery("select count(c) from JobClaim c where c.job = :job and c.claimedUntil > :now",
                Long.class).setParameter("job", definition.name()).setParameter("now", now).getSingleResult() > 0;
        return new JobView(definition.name(), definition.description(), definition.scope().label(), enabled, schedule,
                JobSchedule.parse(definition.defaultSchedule()).text(), running, next,
                last == null ? null : JobRunView.of(last), runs);
    }
}
