package dev.vireo.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.account.LoginAttempts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Slows down and then stops guessing, without handing guessers a way to lock owners out. Failed
 * logins are counted per account from one address, per address, and per account from anywhere;
 * from a key's {@code slowAfter}-th failure each further try waits twice as long as the last (1 s,
 * 2 s, 4 s, …). An account from one address and an address are refused for the whole window from
 * their {@code lockAfter}-th failure; an account as a whole only ever waits up to
 * {@link #ACCOUNT_MAX_WAIT}. An account is held back by neither the account-wide nor the
 * address-wide count from an address it signed in from lately, only by its own count from there:
 * a flood from elsewhere, or from others behind the same NAT or proxy, slows guessing but leaves
 * the owner in. Counts are forgotten a window after the last failure. The counts live in the
 * database: a restart does not reset them.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class.getName());

    static final Duration WINDOW = Duration.ofMinutes(15);
    /** An address the account signed in from within this time skips the account-wide wait. */
    static final Duration TRUSTED_FOR = Duration.ofDays(30);
    static final Duration ACCOUNT_MAX_WAIT = Duration.ofSeconds(30);
    /** How often a success from a known address is written again (each Basic request is one). */
    private static final Duration SUCCESS_GRANULARITY = Duration.ofHours(1);

    enum Kind {
        PAIR(5, 10, "for this account from this address"),
        ADDRESS(30, 100, "from this address"),
        ACCOUNT(5, Integer.MAX_VALUE, "for this account");

        final int slowAfter;
        final int lockAfter;
        final String phrase;

        Kind(int slowAfter, int lockAfter, String phrase) {
            this.slowAfter = slowAfter;
            this.lockAfter = lockAfter;
            this.phrase = phrase;
        }
    }

    /** What a key must still wait. */
    record Wait(Kind kind, long millis) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Resource
    UserTransaction transaction;

    private final Clock clock = Clock.systemUTC();

    /**
     * The keys that failed within their window: a check reads the database only when one of its
     * keys is among them, so that the logins of a quiet server cost no query.
     */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /** When a pair's success was last written: each Basic request signs in again. */
    private final Map<String, Instant> successWritten = new ConcurrentHashMap<>();

    @PostConstruct
    void recallFailing() {
        try {
            failing.addAll(failingIds());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read the failed logins of before the restart: {0}", e.toString());
        }
    }

    /** Refuses (429) when the account (null for a refused token or session) or the address must wait. */
    public void check(String account, String address) {
        if (failing.isEmpty()) {
            // the usual case: nobody failed lately, and no key needs hashing
            return;
        }
        List<String> ids = ids(account, address);
        if (ids.stream().noneMatch(failing::contains)) {
            return;
        }
        Map<String, LoginAttempts> known = em.createNamedQuery(LoginAttempts.BY_IDS, LoginAttempts.class)
                .setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(LoginAttempts::getId, Function.identity()));
        Instant now = clock.instant();
        Wait wait = account == null
                ? longest(waitFor(Kind.ADDRESS, known.get(id(Kind.ADDRESS, account, address)), now))
                : longestWait(known.get(id(Kind.PAIR, account, address)), known.get(id(Kind.ADDRESS, account, address)),
                known.get(id(Kind.ACCOUNT, account, address)), now);
        if (wait != null) {
            throw new VireoException(ErrorCode.TOO_MANY_FAILURES, wait.kind().phrase, (wait.millis() + 999) / 1000);
        }
    }

    public synchronized void failed(String account, String address) {
        Instant now = clock.instant();
        List<String> news = new ArrayList<>();
        try {
            transaction.begin();
            for (Kind kind : kinds(account)) {
                LoginAttempts attempts = findOrCreate(kind, account, address);
                attempts.failed(now, WINDOW.toSeconds());
                failing.add(attempts.getId());
                if (attempts.getFailures() == kind.slowAfter || attempts.getFailures() == kind.lockAfter) {
                    news.add(attempts.getFailures() + " failed logins " + kind.phrase + " (" + attempts.getSubject()
                            + (attempts.getFailures() == kind.lockAfter ? "): refused for " + WINDOW.toMinutes() + " minutes"
                            : "): slowed down"));
                }
            }
            transaction.commit();
            // one line at most per failure, only when a key starts being slowed down or refused
            if (!news.isEmpty()) {
                LOG.warning(String.join("; ", news));
            }
        } catch (Exception e) {
            rollback();
            LOG.log(Level.WARNING, "Could not count a failed login: {0}", e.toString());
        }
    }

    /** The account signed in from the address: that pair starts again and the address is trusted for the account. */
    public void succeeded(String account, String address) {
        Instant now = clock.instant();
        String id = id(Kind.PAIR, account, address);
        Instant written = successWritten.get(id);
        if (!failing.contains(id) && written != null && written.plus(SUCCESS_GRANULARITY).isAfter(now)) {
            return;
        }
        synchronized (this) {
            try {
                transaction.begin();
                findOrCreate(Kind.PAIR, account, address).succeeded(now);
                transaction.commit();
                successWritten.put(id, now);
                failing.remove(id);
            } catch (Exception e) {
                rollback();
                LOG.log(Level.WARNING, "Could not record a login: {0}", e.toString());
            }
        }
    }

    /**
     * Keys whose failures are forgotten and whose address is no longer trusted are removed for good
     * (job {@code login-attempts}, on every server: each keeps its own memory of them).
     */
    public synchronized void removeForgotten() {
        Instant now = clock.instant();
        try {
            transaction.begin();
            em.createNamedQuery(LoginAttempts.DELETE_FORGOTTEN)
                    .setParameter("failuresBefore", now.minus(WINDOW))
                    .setParameter("successesBefore", now.minus(TRUSTED_FOR))
                    .executeUpdate();
            transaction.commit();
            failing.retainAll(failingIds());
            successWritten.values().removeIf(written -> written.plus(SUCCESS_GRANULARITY).isBefore(now));
        } catch (Exception e) {
            rollback();
            LOG.log(Level.WARNING, "Could not remove forgotten login attempts: {0}", e.toString());
        }
    }

    /**
     * The longest wait of the keys of an account's login from an address; null when it may try now.
     * Neither the account as a whole nor the address holds back an account from an address it
     * signed in from within {@link #TRUSTED_FOR}: there only its own count from that address does.
     */
    static Wait longestWait(LoginAttempts pair, LoginAttempts address, LoginAttempts account, Instant now) {
        boolean trusted = pair != null && pair.getLastSuccess() != null
                && pair.getLastSuccess().plus(TRUSTED_FOR).isAfter(now);
        return trusted ? waitFor(Kind.PAIR, pair, now)
                : longest(waitFor(Kind.PAIR, pair, now), waitFor(Kind.ADDRESS, address, now), waitFor(Kind.ACCOUNT, account, now));
    }

    static Wait waitFor(Kind kind, LoginAttempts attempts, Instant now) {
        long millis = attempts == null ? 0 : waitMillis(kind, attempts.getFailures(), attempts.getLastFailure(), now);
        return millis > 0 ? new Wait(kind, millis) : null;
    }

    /** How long a key with {@code failures}, the last at {@code last}, must still wait; 0 when it may try now. */
    static long waitMillis(Kind kind, int failures, Instant last, Instant now) {
        if (last == null || failures < kind.slowAfter) {
            return 0;
        }
        long since = Duration.between(last, now).toMillis();
        if (since > WINDOW.toMillis()) {
            return 0;
        }
        long pause = failures >= kind.lockAfter ? WINDOW.toMillis() : 1000L << Math.min(20, failures - kind.slowAfter);
        if (kind == Kind.ACCOUNT) {
            pause = Math.min(pause, ACCOUNT_MAX_WAIT.toMillis());
        }
        return Math.max(0, pause - since);
    }

    private static Wait longest(Wait... waits) {
        Wait longest = null;
        for (Wait wait : waits) {
            if (wait != null && (longest == null || wait.millis() > longest.millis())) {
                longest = wait;
            }
        }
        return longest;
    }

    /** The keys with a failure within the window, as the database has them. */
    private List<String> failingIds() {
        return em.createQuery("select a.id from LoginAttempts a where a.failures > 0 and a.lastFailure > :since", String.class)
                .setParameter("since", clock.instant().minus(WINDOW)).getResultList();
    }

    private LoginAttempts findOrCreate(Kind kind, String account, String address) {
        String id = id(kind, account, address);
        LoginAttempts attempts = em.find(LoginAttempts.class, id);
        if (attempts == null) {
            attempts = new LoginAttempts(id, subject(kind, account, address));
            em.persist(attempts);
        }
        return attempts;
    }

    private void rollback() {
        try {
            transaction.rollback();
        } catch (Exception ignored) {
            // nothing was begun, or it is gone already
        }
    }

    private static List<Kind> kinds(String account) {
        return account == null ? List.of(Kind.ADDRESS) : Arrays.asList(Kind.values());
    }

    private static List<String> ids(String account, String address) {
        List<String> ids = new ArrayList<>();
        kinds(account).forEach(kind -> ids.add(id(kind, account, address)));
        return ids;
    }

    /** The key's id: its kind and the SHA-256 of what it counts, whatever its length. */
    static String id(Kind kind, String account, String address) {
        return kind.name().toLowerCase() + ':' + sha256(subject(kind, account, address));
    }

    private static String subject(Kind kind, String account, String address) {
        return switch (kind) {
            case PAIR -> account + " from " + network(address);
            case ADDRESS -> network(address);
            case ACCOUNT -> account;
        };
    }

    /**
     * The address a client is counted by: an IPv4 address itself, an IPv6 address by its /64, the
     * block one subscriber usually holds (counting single IPv6 addresses would count nothing).
     */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();   // a literal: no name lookup
            if (bytes.length != 16) {
                return address;
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
