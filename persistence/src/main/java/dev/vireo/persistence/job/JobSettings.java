package dev.vireo.persistence.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What an operator chose for a scheduled job: whether it runs and when. Shared by every server. */
@Entity
@Table(name = "job")
public class JobSettings {

    public static final int NAME_LENGTH = 64;
    public static final int SCHEDULE_LENGTH = 64;

    @Id
    @Column(length = NAME_LENGTH)
    private String name;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false, length = SCHEDULE_LENGTH)
    private String schedule;

    @Column(nullable = false)
    private Instant updated;

    protected JobSettings() {
    }

    public JobSettings(String name, boolean enabled, String schedule, Instant now) {
        this.name = name;
        this.enabled = enabled;
        this.schedule = schedule;
        this.updated = now;
    }

    public String getName() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public String getSchedule() {
        return schedule;
    }

    public Instant getUpdated() {
        return updated;
    }

    public void change(boolean enabled, String schedule, Instant now) {
        this.enabled = enabled;
        this.schedule = schedule;
        this.updated = now;
    }
}
