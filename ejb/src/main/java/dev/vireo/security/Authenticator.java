package dev.vireo.security;

import dev.vireo.audit.AuditLog;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.account.AccessKey;
import dev.vireo.persistence.account.Account;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks the credentials a request presents (password, token or session) and says who the caller
 * is; the web layer's authentication mechanism hands the answer to the container. Failures are
 * throttled and written to the audit log; their reason never says which part was wrong.
 */
@Stateless
@PermitAll
// a known caller's request reads no database: the transactions are those of the writes
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Authenticator {

    /** How often a key's last use is written: each request would be a write per request. */
    static final Duration LAST_USED_GRANULARITY = Duration.ofSeconds(60);

    /**
     * Who the caller is and what the container should let it do.
     *
     * @param tokenId the public id of the API token presented; null for passwords and sessions
     */
    public record Authenticated(String name, java.util.Set<String> permissions, String tokenId) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Inject
    Passwords passwords;

    @EJB
    LoginThrottle throttle;

    @EJB
    AccountDirectory directory;

    @EJB
    AuditLog audit;

    /** A user name and password (HTTP Basic, the login). */
    public Authenticated password(String user, String password, String address) {
        throttle.check(user, address);
        if (passwords.recentlyVerified(user, password)) {
            throttle.succeeded(user, address);
            return authenticated(user, null);
        }
        Optional<Account> account = em.createNamedQuery(Account.BY_NAME, Account.class).setParameter("name", user)
                .getResultStream().findFirst();
        // an unknown user's password is derived too (against a dummy hash): the answer takes as long
        if (!passwords.verify(user, password, account.map(Account::getPasswordHash).orElse(null))) {
            refuse(user, user, address, "wrong user name or password");
        }
        throttle.succeeded(user, address);
        return authenticated(user, null);
    }

    /**
     * A token or session presented as a bearer secret, which counts only where it was sent as what
     * it was issued for; {@code inUse}: by someone working in the console, whose session then lasts
     * its timeout from now again when half of it is gone. A valid secret is never throttled (it
     * cannot be guessed, and others' failures from the same address must not end its holder's
     * work); a wrong one is, and counts against the address. An expired session is refused without
     * counting: a console left open past its session is no guesser.
     */
    public Authenticated bearer(String value, Carrier carrier, String address, boolean inUse) {
        Secrets.Presented presented = Secrets.parse(value).orElse(null);
        if (presented != null && !carrier.carries(presented.prefix())) {
            throttle.check(null, address);
            refuse(null, presented.id(), address, carrier.refusal);
        }
        AccountDirectory.KnownKey key = presented == null ? null : directory.key(presented.id()).orElse(null);
        Instant now = Instant.now();
        if (key == null || !Secrets.matches(presented.secret(), key.secretHash())
                || !presented.prefix().equals(key.kind() == AccessKey.Kind.TOKEN ? Secrets.TOKEN_PREFIX : Secrets.SESSION_PREFIX)) {
            throttle.check(null, address);
            refuse(null, presented == null ? "(malformed)" : presented.id(), address, "unknown token or session");
        }
        if (key.expiredAt(now)) {
            audit.recordLogin(key.owner(), address, ErrorCode.BAD_CREDENTIALS.code(), "session " + key.id() + " expired");
            throw new VireoException(ErrorCode.BAD_CREDENTIALS);
        }
        if (key.staleAt(now, inUse, LAST_USED_GRANULARITY)) {
            directory.used(key.id(), now, inUse, LAST_USED_GRANULARITY);
        }
        return authenticated(key.owner(), key.kind() == AccessKey.Kind.TOKEN ? key.id() : null);
    }

    /** How a bearer secret came: each accepts only the kinds of key issued for it. */
    public enum Carrier {
        /** {@code X-AUTH-TOKEN}: API tokens only. */
        TOKEN_HEADER("a session sent as an API token", Secrets.TOKEN_PREFIX),
        /** The {@code VIREO_SESSION} cookie: sessions only. */
        SESSION_COOKIE("an API token sent as the session cookie", Secrets.SESSION_PREFIX),
        /** {@code Authorization: Bearer}: either. */
        BEARER("", Secrets.TOKEN_PREFIX, Secrets.SESSION_PREFIX);

        private final String refusal;
        private final List<String> prefixes;

        Carrier(String refusal, String... prefixes) {
            this.refusal = refusal;
            this.prefixes = List.of(prefixes);
        }

        boolean carries(String prefix) {
            return prefixes.contains(prefix);
        }
    }

    private Authenticated authenticated(String name, String tokenId) {
        return new Authenticated(name, directory.callerNamed(name).permissions(), tokenId);
    }

    /** Counts the failure against the account (if one was named) and the address, logs it, answers 401. */
    private void refuse(String account, String actor, String address, String why) {
        throttle.failed(account, address);
        audit.recordLogin(actor, address, ErrorCode.BAD_CREDENTIALS.code(), why);
        throw new VireoException(ErrorCode.BAD_CREDENTIALS);
    }
}
