package dev.vireo.persistence.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What the login throttle remembers about one key (an account, a client address, or an account
 * from one address): recent failed logins, and for an account from an address the last success.
 * Kept in the database, so that a restart does not give a guesser a fresh start.
 */
@Entity
@Table(name = "login_attempts")
@NamedQuery(name = LoginAttempts.BY_IDS, query = "select a from LoginAttempts a where a.id in :ids")
@NamedQuery(name = LoginAttempts.DELETE_FORGOTTEN, query = "delete from LoginAttempts a"
        + " where (a.lastFailure is null or a.lastFailure < :failuresBefore)"
        + " and (a.lastSuccess is null or a.lastSuccess < :successesBefore)")
public class LoginAttempts {

    public static final String BY_IDS = "LoginAttempts.byIds";
    public static final String DELETE_FORGOTTEN = "LoginAttempts.deleteForgotten";

    /** The key's kind and a hash of its value, so that a value of any length fits. */
    @Id
    @Column(length = 80)
    private String id;

    /** The key as sent, shortened, for whoever reads the table. */
    @Column(nullable = false, length = 200)
    private String subject;

    @Column(nullable = false)
    private int failures;

    @Column(name = "last_failure")
    private Instant lastFailure;

    @Column(name = "last_success")
    private Instant lastSuccess;

    protected LoginAttempts() {
    }

    public LoginAttempts(String id, String subject) {
        this.id = id;
        this.subject = subject.length() > 200 ? subject.substring(0, 200) : subject;
    }

    public String getId() {
        return id;
    }

    public String getSubject() {
        return subject;
    }

    public int getFailures() {
        return failures;
    }

    public Instant getLastFailure() {
        return lastFailure;
    }

    public Instant getLastSuccess() {
        return lastSuccess;
    }

    /** One more failure; the count starts again when the last one is older than {@code windowSeconds}. */
    public void failed(Instant now, long windowSeconds) {
        boolean forgotten = lastFailure == null || lastFailure.plusSeconds(windowSeconds).isBefore(now);
        failures = forgotten ? 1 : failures + 1;
        lastFailure = now;
    }

    public void succeeded(Instant now) {
        failures = 0;
        lastFailure = null;
        lastSuccess = now;
    }
}
