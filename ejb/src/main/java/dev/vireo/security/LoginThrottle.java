package dev.vireo.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Slows down and then stops guessing. Failed logins are counted per account and per client
 * address; from the {@code slowAfter}-th failure each further try must wait twice as long as the
 * last (1 s, 2 s, 4 s, …), from the {@code lockAfter}-th the key is refused for the whole window.
 * A key's count is forgotten a window after its last failure, an account's also on success.
 * Addresses get more room than accounts, since many users may sit behind one address.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    static final long WINDOW_MILLIS = 15 * 60_000;

    enum Kind {
        ACCOUNT(5, 10), ADDRESS(30, 100);

        final int slowAfter;
        final int lockAfter;

        Kind(int slowAfter, int lockAfter) {
            this.slowAfter = slowAfter;
            this.lockAfter = lockAfter;
        }
    }

    record Failures(int count, long last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Refuses (429) when the account or the address must wait. */
    public void check(String account, String address) {
        long now = System.currentTimeMillis();
        check(Kind.ACCOUNT, account, now);
        check(Kind.ADDRESS, address, now);
    }

    public void failed(String account, String address) {
        long now = System.currentTimeMillis();
        count(Kind.ACCOUNT, account, now);
        count(Kind.ADDRESS, address, now);
    }

    public void succeeded(String account) {
        if (account != null) {
            failures.remove(key(Kind.ACCOUNT, account));
        }
    }

    private void check(Kind kind, String value, long now) {
        if (value == null) {
            return;
        }
        Failures current = failures.get(key(kind, value));
        long wait = current == null ? 0 : waitMillis(kind, current, now);
        if (wait > 0) {
            throw new VireoException(ErrorCode.TOO_MANY_FAILURES,
                    kind == Kind.ACCOUNT ? "for this account" : "from this address", (wait + 999) / 1000);
        }
    }

    private void count(Kind kind, String value, long now) {
        if (value == null) {
            return;
        }
        Failures updated = failures.compute(key(kind, value), (key, old) ->
                old == null || now - old.last() > WINDOW_MILLIS ? new Failures(1, now) : new Failures(old.count() + 1, now));
        if (updated.count() == kind.slowAfter || updated.count() == kind.lockAfter) {
            LOG.warning(() -> updated.count() + " failed logins " + (kind == Kind.ACCOUNT ? "for account " : "from address ")
                    + value + (updated.count() == kind.lockAfter ? ": refused for " + WINDOW_MILLIS / 60_000 + " minutes"
                    : ": slowed down"));
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(entry -> now - entry.getValue().last() > WINDOW_MILLIS);
        }
    }

    /** How long a key must still wait; 0 when it may try now. */
    static long waitMillis(Kind kind, Failures failures, long now) {
        long since = now - failures.last();
        if (since > WINDOW_MILLIS || failures.count() < kind.slowAfter) {
            return 0;
        }
        long pause = failures.count() >= kind.lockAfter ? WINDOW_MILLIS
                : 1000L << Math.min(20, failures.count() - kind.slowAfter);
        return Math.max(0, pause - since);
    }

    private static String key(Kind kind, String value) {
        return kind.name() + ':' + value;
    }
}
