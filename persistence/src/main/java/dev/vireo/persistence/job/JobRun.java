package dev.vireo.persistence.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run of a scheduled job: on which server, when, how long, and how it ended. */
@Entity
@Table(name = "job_run", indexes = @Index(name = "job_run_job_started", columnList = "job, started"))
public class JobRun {

    public static final String OK = "ok";
    public static final String FAILED = "failed";
    public static final int MESSAGE_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = JobSettings.NAME_LENGTH)
    private String job;

    @Column(nullable = false, length = JobClaim.HOLDER_LENGTH)
    private String node;

    @Column(nullable = false)
    private Instant started;

    @Column(name = "duration_ms", nullable = false)
    private long durationMillis;

    /** {@value #OK} or {@value #FAILED}. */
    @Column(nullable = false, length = 16)
    private String result;

    @Column(length = MESSAGE_LENGTH)
    private String message;

    protected JobRun() {
    }

    public JobRun(String job, String node, Instant started, long durationMillis, String result, String message) {
        this.job = job;
        this.node = node;
        this.started = started;
        this.durationMillis = durationMillis;
        this.result = result;
        this.message = message == null || message.length() <= MESSAGE_LENGTH ? message
                : message.substring(0, MESSAGE_LENGTH - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public String getJob() {
        return job;
    }

    public String getNode() {
        return node;
    }

    public Instant getStarted() {
        return started;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public String getResult() {
        return result;
    }

    public String getMessage() {
        return message;
    }
}
