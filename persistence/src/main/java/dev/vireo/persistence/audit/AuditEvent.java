package dev.vireo.persistence.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the audit log: who did what to which resource, when, from where, and how it ended. */
@Entity
@Table(name = "audit_event", indexes = @Index(name = "audit_event_time", columnList = "time"))
public class AuditEvent {

    public static final int TEXT_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false)
    private Instant time;

    @Column(nullable = false, length = 64)
    private String actor;

    @Column(nullable = false, length = 80)
    private String action;

    @Column(length = 500)
    private String target;

    /** {@code ok}, or the error code that ended it. */
    @Column(nullable = false, length = 32)
    private String result;

    @Column(length = 64)
    private String address;

    @Column(length = TEXT_LENGTH)
    private String content;

    protected AuditEvent() {
    }

    public AuditEvent(Instant time, String actor, String action, String target, String result, String address,
                      String content) {
        this.time = time;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.result = result;
        this.address = address;
        this.content = content == null || content.length() <= TEXT_LENGTH ? content : content.substring(0, TEXT_LENGTH);
    }

    public Long getId() {
        return id;
    }

    public Instant getTime() {
        return time;
    }

    public String getActor() {
        return actor;
    }

    public String getAction() {
        return action;
    }

    public String getTarget() {
        return target;
    }

    public String getResult() {
        return result;
    }

    public String getAddress() {
        return address;
    }

    public String getContent() {
        return content;
    }
}
