package dev.vireo.persistence.vmpool;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Something that happened to a pool's VM, kept after the VM is gone: vmpooler's metrics
 * ({@code /status}, {@code /summary} over any dates) are computed from these.
 */
@Entity
@Table(name = "pool_event")
@NamedQuery(name = PoolEvent.OF_POOL, query = "select e from PoolEvent e where e.pool = :pool order by e.id")
public class PoolEvent {

    public static final String OF_POOL = "PoolEvent.ofPool";

    /** What happened; a duration goes with {@code CLONED} (clone time), {@code READY} (boot time) and {@code DESTROYED} (life). */
    public enum Kind { CLONE_STARTED, CLONED, READY, CHECKED_OUT, TAGGED, FAILED, DESTROYED }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = 64)
    private String pool;

    @Column(length = 64)
    private String hostname;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(nullable = false)
    private Instant time;

    @Column(name = "duration_ms")
    private Long durationMs;

    /** The failure's reason, the tag set, the account that checked out. */
    @Column(length = 2000)
    private String detail;

    protected PoolEvent() {
    }

    public PoolEvent(String pool, String hostname, Kind kind, Instant time, Long durationMs, String detail) {
        this.pool = pool;
        this.hostname = hostname;
        this.kind = kind;
        this.time = time;
        this.durationMs = durationMs;
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
    }

    public Long getId() {
        return id;
    }

    public String getPool() {
        return pool;
    }

    public String getHostname() {
        return hostname;
    }

    public Kind getKind() {
        return kind;
    }

    public Instant getTime() {
        return time;
    }

    public Long getDurationMs() {
        return durationMs;
    }

    public String getDetail() {
        return detail;
    }
}
