package dev.vireo.persistence.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A bearer credential: an API token (lives until revoked) or a login session (expires when idle).
 * Its public {@code id} names it in lists; the secret half is kept only as a hash.
 */
@Entity
@Table(name = "access_key", indexes = @Index(name = "access_key_owner", columnList = "owner"))
@NamedQuery(name = AccessKey.OF_OWNER,
        query = "select k from AccessKey k where k.kind = :kind and (:owner is null or k.owner = :owner) order by k.created")
@NamedQuery(name = AccessKey.DELETE_OF_OWNER, query = "delete from AccessKey k where k.owner = :owner")
@NamedQuery(name = AccessKey.DELETE_EXPIRED, query = "delete from AccessKey k where k.expires < :now")
public class AccessKey {

    public static final String OF_OWNER = "AccessKey.ofOwner";
    public static final String DELETE_OF_OWNER = "AccessKey.deleteOfOwner";
    public static final String DELETE_EXPIRED = "AccessKey.deleteExpired";

    public enum Kind { TOKEN, SESSION }

    @Id
    @Column(length = 32)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Kind kind;

    @Column(name = "secret_hash", nullable = false, length = 64)
    private String secretHash;

    @Column(nullable = false, length = 64)
    private String owner;

    @Column(nullable = false)
    private Instant created;

    @Column(name = "last_used")
    private Instant lastUsed;

    /** Sessions only: idle seconds after which the session ends. */
    @Column(name = "timeout_seconds")
    private Integer timeoutSeconds;

    /** Sessions only: when the session ends unless refreshed. */
    private Instant expires;

    protected AccessKey() {
    }

    public AccessKey(String id, Kind kind, String secretHash, String owner, Instant created) {
        this.id = id;
        this.kind = kind;
        this.secretHash = secretHash;
        this.owner = owner;
        this.created = created;
    }

    public String getId() {
        return id;
    }

    public Kind getKind() {
        return kind;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getCreated() {
        return created;
    }

    public Instant getLastUsed() {
        return lastUsed;
    }

    public void setLastUsed(Instant lastUsed) {
        this.lastUsed = lastUsed;
    }

    public Integer getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public Instant getExpires() {
        return expires;
    }

    /** A session's idle timeout, starting now. */
    public void expireAfter(int seconds, Instant now) {
        this.timeoutSeconds = seconds;
        this.expires = now.plusSeconds(seconds);
    }

    /**
     * A session someone is using (the console) lasts its timeout from now again once less than
     * half of it is left: idle sessions still end, busy ones are not cut off mid-work.
     */
    public void keepAlive(Instant now) {
        if (!expiredAt(now) && halfGone(expires, timeoutSeconds, now)) {
            expireAfter(timeoutSeconds, now);
        }
    }

    public boolean expiredAt(Instant now) {
        return expired(expires, now);
    }

    /** Whether a key ending at {@code expires} (null: never) has ended at {@code now}. */
    public static boolean expired(Instant expires, Instant now) {
        return expires != null && !now.isBefore(expires);
    }

    /** Whether less than half of a session's timeout is left at {@code now} (never for keys that do not end). */
    public static boolean halfGone(Instant expires, Integer timeoutSeconds, Instant now) {
        return expires != null && timeoutSeconds != null && expires.isBefore(now.plusSeconds(timeoutSeconds / 2));
    }
}
