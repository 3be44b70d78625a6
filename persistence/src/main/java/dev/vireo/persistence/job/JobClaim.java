package dev.vireo.persistence.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * When a job is next due and who runs it now. A job that runs once for all servers has one row
 * (holder {@value #EVERY_SERVER}); a job each server runs on its own data has one row per server
 * (holder: the server's node name). A server runs a job only after winning the row with one
 * conditional UPDATE (due, not claimed), so that no two runs of it overlap.
 */
@Entity
@Table(name = "job_claim")
@IdClass(JobClaim.Key.class)
@NamedQuery(name = JobClaim.CLAIM, query = "update JobClaim c set c.nextDue = :next, c.claimedBy = :node, "
        + "c.claimedUntil = :until where c.job = :job and c.holder = :holder and c.nextDue = :seen "
        + "and (c.claimedUntil is null or c.claimedUntil < :now)")
@NamedQuery(name = JobClaim.RELEASE, query = "update JobClaim c set c.claimedBy = null, c.claimedUntil = null "
        + "where c.job = :job and c.holder = :holder and c.claimedBy = :node")
@NamedQuery(name = JobClaim.RELEASE_HELD_BY, query = "update JobClaim c set c.claimedBy = null, c.claimedUntil = null "
        + "where c.claimedBy = :node")
@NamedQuery(name = JobClaim.DUE, query = "select c.job, c.holder, c.nextDue, s.enabled, s.schedule "
        + "from JobClaim c, JobSettings s where s.name = c.job and c.holder in :holders and c.nextDue <= :now "
        + "and (c.claimedUntil is null or c.claimedUntil < :now)")
@NamedQuery(name = JobClaim.BRING_FORWARD, query = "update JobClaim c set c.nextDue = :now where c.job = :job "
        + "and c.nextDue > :now")
@NamedQuery(name = JobClaim.RESCHEDULE, query = "update JobClaim c set c.nextDue = :next where c.job = :job")
public class JobClaim {

    /**
     * Claims a due job for {@code :node} until {@code :until}, its next due time moved on to
     * {@code :next}: changes the row (1) only while the claim is free at {@code :now} and still due
     * at {@code :seen}, the time the server read (an operator's change since moves it), else none (0).
     */
    public static final String CLAIM = "JobClaim.claim";
    /** Ends {@code :node}'s claim of {@code :job} for {@code :holder}. */
    public static final String RELEASE = "JobClaim.release";
    /** Ends every claim of {@code :node} (at its start, when none of its runs can be under way). */
    public static final String RELEASE_HELD_BY = "JobClaim.releaseHeldBy";
    /** Job, holder, next due, enabled and schedule of the claims of {@code :holders} due and free at {@code :now}. */
    public static final String DUE = "JobClaim.due";
    /** Every claim of {@code :job} next due at {@code :next} (null: not until it is enabled or run). */
    public static final String RESCHEDULE = "JobClaim.reschedule";

    /** Makes {@code :job} due at {@code :now} where it was due later (never where it is disabled: no due time). */
    public static final String BRING_FORWARD = "JobClaim.bringForward";

    /** The holder of a job's one row when one server runs it for all. */
    public static final String EVERY_SERVER = "*";
    public static final int HOLDER_LENGTH = 255;

    @Id
    @Column(length = JobSettings.NAME_LENGTH)
    private String job;

    @Id
    @Column(length = HOLDER_LENGTH)
    private String holder;

    /** Null while the job is disabled and no run was asked for. */
    @Column(name = "next_due")
    private Instant nextDue;

    @Column(name = "claimed_by", length = HOLDER_LENGTH)
    private String claimedBy;

    /** A claim ends when its run ends, or at this instant if its server died meanwhile. */
    @Column(name = "claimed_until")
    private Instant claimedUntil;

    protected JobClaim() {
    }

    public JobClaim(String job, String holder, Instant nextDue) {
        this.job = job;
        this.holder = holder;
        this.nextDue = nextDue;
    }

    public String getJob() {
        return job;
    }

    public String getHolder() {
        return holder;
    }

    public Instant getNextDue() {
        return nextDue;
    }

    public String getClaimedBy() {
        return claimedBy;
    }

    public Instant getClaimedUntil() {
        return claimedUntil;
    }

    public boolean claimedAt(Instant now) {
        return claimedUntil != null && claimedUntil.isAfter(now);
    }

    /** The primary key: job and holder. */
    public static class Key implements Serializable {

        private static final long serialVersionUID = 1L;

        private String job;
        private String holder;

        public Key() {
        }

        public Key(String job, String holder) {
            this.job = job;
            this.holder = holder;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(job, key.job) && Objects.equals(holder, key.holder);
        }

        @Override
        public int hashCode() {
            return Objects.hash(job, holder);
        }
    }
}
