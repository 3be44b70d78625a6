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
    static final int ACTOR_LENGTH = 64;
    static final int ACTION_LENGTH = 80;
    static final int TARGET_LENGTH = 500;
    static final int RESULT_LENGTH = 32;
    static final int ADDRESS_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false)
    private Instant time;

    @Column(nullable = false, length = ACTOR_LENGTH)
    private String actor;

    @Column(nullable = false, length = ACTION_LENGTH)
    private String action;

    @Column(length = TARGET_LENGTH)
    private String target;

    /** {@code ok}, or the error code that ended it. */
    @Column(nullable = false, length = RESULT_LENGTH)
    private String result;

    @Column(length = ADDRESS_LENGTH)
    private String address;

    @Column(length = TEXT_LENGTH)
    private String content;

    protected AuditEvent() {
    }

    public AuditEvent(Instant time, String actor, String action, String target, String result, String address,
                      String content) {
        this.time = time;
        this.actor = shorten(actor, ACTOR_LENGTH);
        this.action = shorten(action, ACTION_LENGTH);
        this.target = shorten(target, TARGET_LENGTH);
        this.result = shorten(result, RESULT_LENGTH);
        this.address = shorten(address, ADDRESS_LENGTH);
        this.content = shorten(content, TEXT_LENGTH);
    }

    /**
     * The text cut to fit its column, ending in '…' when it was cut: an entry records what was
     * asked however long it was, and an over-long value must never fail the request it records.
     */
    static String shorten(String text, int length) {
        if (text == null || text.length() <= length) {
            return text;
        }
        int end = length - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never half a character
        }
        return text.substring(0, end) + "…";
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
