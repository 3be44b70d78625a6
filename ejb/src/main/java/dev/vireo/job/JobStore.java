package dev.vireo.job;

import dev.vireo.persistence.job.JobClaim;
import dev.vireo.persistence.job.JobRun;
import dev.vireo.persistence.job.JobSettings;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs' state in the database, each change in a transaction of its own: whichever server's
 * conditional UPDATE of a claim commits first runs the job, the others' change no row.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class JobStore {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /** A claim that is due, with the settings the next due time is computed from. */
    public record Due(String job, String holder, Instant nextDue, boolean enabled, String schedule) {
    }

    /** Now, as the database keeps it (microseconds), so that a due time read back compares equal. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Makes the job's settings (enabled, on its default schedule) unless an operator's are there,
     * and the claim of {@code holder}, first due one period from now; the settings as they are.
     */
    public JobSettings ensure(JobDefinition definition, String holder, Instant now) {
        JobSettings settings = em.find(JobSettings.class, definition.name());
        if (settings == null) {
            settings = new JobSettings(definition.name(), true, JobSchedule.parse(definition.defaultSchedule()).text(), now);
            em.persist(settings);
        }
        if (em.find(JobClaim.class, new JobClaim.Key(definition.name(), holder)) == null) {
            em.persist(new JobClaim(definition.name(), holder, nextDue(settings.isEnabled(), settings.getSchedule(), now)));
        }
        return settings;
    }

    /** Ends the claims a server held: at its start, when none of its runs can be under way. */
    public int releaseHeldBy(String node) {
        return em.createNamedQuery(JobClaim.RELEASE_HELD_BY).setParameter("node", node).executeUpdate();
    }

    /** The claims of {@code holders} that are due and free at {@code now}. */
    public List<Due> due(List<String> holders, Instant now) {
        return em.createNamedQuery(JobClaim.DUE, Object[].class)
                .setParameter("holders", holders).setParameter("now", now).getResultStream()
                .map(row -> new Due((String) row[0], (String) row[1], (Instant) row[2], (Boolean) row[3], (String) row[4]))
                .toList();
    }

    /**
     * Claims a due job for {@code node} until {@code until}, moving its due time on to {@code next}
     * (null: it is disabled). True for the one server whose UPDATE changed the row: the claim was
     * still free and due at the time it was read ({@code seenDue}), untouched by an operator since.
     */
    public boolean claim(Due due, Instant next, String node, Instant until, Instant now) {
        return em.createNamedQuery(JobClaim.CLAIM)
                .setParameter("next", next).setParameter("node", node).setParameter("until", until)
                .setParameter("job", due.job()).setParameter("holder", due.holder()).setParameter("seen", due.nextDue())
                .setParameter("now", now).executeUpdate() == 1;
    }

    /** Makes an enabled job due at {@code now} if it was due later (a disabled one has no due time and stays so). */
    public void bringForward(String job, Instant now) {
        em.createNamedQuery(JobClaim.BRING_FORWARD).setParameter("job", job).setParameter("now", now).executeUpdate();
    }

    /** Ends {@code node}'s claim of a job, recording the run (null: none took place). */
    public void finish(String job, String holder, String node, JobRun run) {
        em.createNamedQuery(JobClaim.RELEASE)
                .setParameter("job", job).setParameter("holder", holder).setParameter("node", node).executeUpdate();
        if (run != null) {
            em.persist(run);
        }
    }

    /** Keeps the runs started from {@code before} on and, of each job, the {@code perJob} newest; the number removed. */
    public int pruneRuns(Instant before, int perJob) {
        int removed = em.createQuery("delete from JobRun r where r.started < :before").setParameter("before", before)
                .executeUpdate();
        List<String> jobs = em.createQuery("select distinct r.job from JobRun r", String.class).getResultList();
        for (String job : jobs) {
            List<Instant> oldestKept = em.createQuery("select r.started from JobRun r where r.job = :job "
                            + "order by r.started desc", Instant.class)
                    .setParameter("job", job).setFirstResult(perJob - 1).setMaxResults(1).getResultList();
            if (!oldestKept.isEmpty()) {
                removed += em.createQuery("delete from JobRun r where r.job = :job and r.started < :oldest")
                        .setParameter("job", job).setParameter("oldest", oldestKept.get(0)).executeUpdate();
            }
        }
        return removed;
    }

    /** When each job that ran (on any server) last started. */
    public Map<String, Instant> lastStarts() {
        Map<String, Instant> starts = new HashMap<>();
        em.createQuery("select r.job, max(r.started) from JobRun r group by r.job", Object[].class).getResultStream()
                .forEach(row -> starts.put((String) row[0], (Instant) row[1]));
        return starts;
    }

    static Instant nextDue(boolean enabled, String schedule, Instant now) {
        return enabled ? JobSchedule.parse(schedule).next(now) : null;
    }
}
