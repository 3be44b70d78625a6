package dev.vireo.security;

import dev.vireo.persistence.account.AccessKey;
import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.account.Role;
import dev.vireo.persistence.account.UserGroup;
import dev.vireo.persistence.node.SharedGeneration;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each account may do (account → groups → roles → permissions) and what each token or
 * session stands for, resolved once and kept until any of them changes: every request needs
 * them, few requests change them. So a known caller's request reads neither the database nor
 * takes a transaction.
 * <p>
 * A change made through this server drops what is kept once its transaction commits, so a
 * revoked token, an ended session or a removed permission stops working at once. With several
 * servers ({@value #CLUSTERED}, set by the clustered server's configuration) a change made
 * through another must hold here too: each change bumps the shared generation {@code accounts}
 * in its transaction, and each request compares that one row with the generation this server's
 * knowledge was resolved at.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class AccountDirectory {

    /** A system property: true where several servers share the database. */
    public static final String CLUSTERED = "vireo.clustered";

    private final boolean clustered = Boolean.getBoolean(CLUSTERED);
    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    private final Map<String, KnownKey> keys = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so that a load racing with a change does not keep what it read before. */
    private final AtomicLong generation = new AtomicLong();

    /** The shared generation what is kept was resolved at. */
    private volatile long sharedSeen = -1;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Resource
    SessionContext context;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * A token or session as this server last read it: enough to check a presented secret and its
     * expiry without the database.
     */
    public record KnownKey(String id, AccessKey.Kind kind, String secretHash, String owner, Instant lastUsed,
                           Integer timeoutSeconds, Instant expires) {

        static KnownKey of(AccessKey key) {
            return new KnownKey(key.getId(), key.getKind(), key.getSecretHash(), key.getOwner(), key.getLastUsed(),
                    key.getTimeoutSeconds(), key.getExpires());
        }

        public boolean expiredAt(Instant now) {
            return AccessKey.expired(expires, now);
        }

        /** Whether a use now would change what is written ({@link AccessKey#keepAlive}, the last use's granularity). */
        boolean staleAt(Instant now, boolean inUse, java.time.Duration lastUsedGranularity) {
            boolean lastUseOld = lastUsed == null || lastUsed.plus(lastUsedGranularity).isBefore(now);
            return lastUseOld || inUse && AccessKey.halfGone(expires, timeoutSeconds, now);
        }
    }

    /** The caller an account name stands for; an unknown name has no permissions. */
    public Caller callerNamed(String name) {
        followOtherServers();
        Caller cached = callers.get(name);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Caller caller = context.getBusinessObject(AccountDirectory.class).load(name);
        if (generation.get() == before) {
            callers.put(name, caller);
        }
        return caller;
    }

    /** The token or session with this public id, if there is one. */
    public Optional<KnownKey> key(String id) {
        followOtherServers();
        KnownKey cached = keys.get(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        long before = generation.get();
        AccessKey key = em.find(AccessKey.class, id);
        if (key == null) {
            // unknown ids are not kept: anyone can present any number of them
            return Optional.empty();
        }
        KnownKey known = KnownKey.of(key);
        if (generation.get() == before) {
            keys.put(id, known);
        }
        return Optional.of(known);
    }

    /**
     * A key was used now: its last use (and, when {@code inUse} and half of a session's time is
     * gone, its end) is written, and kept.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void used(String id, Instant now, boolean inUse, java.time.Duration lastUsedGranularity) {
        AccessKey key = em.find(AccessKey.class, id);
        if (key == null) {
            return;
        }
        if (key.getLastUsed() == null || key.getLastUsed().plus(lastUsedGranularity).isBefore(now)) {
            key.setLastUsed(now);
        }
        if (inUse) {
            key.keepAlive(now);
        }
        KnownKey known = KnownKey.of(key);
        long before = generation.get();
        transactions.registerInterposedSynchronization(afterCommit(() -> {
            if (generation.get() == before) {
                keys.put(id, known);
            }
        }));
    }

    /**
     * Accounts, groups, roles, tokens or sessions change in the current transaction: once it
     * commits, every server resolves them again (this one at once).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void changing() {
        em.createNamedQuery(SharedGeneration.BUMP).setParameter("name", SharedGeneration.ACCOUNTS).executeUpdate();
        invalidate();
        transactions.registerInterposedSynchronization(afterCommit(this::invalidate));
    }

    /** Forgets everything resolved; the next request of each account resolves it again. */
    public void invalidate() {
        generation.incrementAndGet();
        callers.clear();
        keys.clear();
    }

    /** Resolves an account in a transaction of its own (its groups load lazily). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Caller load(String name) {
        Account account = em.createNamedQuery(Account.BY_NAME, Account.class).setParameter("name", name)
                .getResultStream().findFirst().orElse(null);
        return account == null ? new Caller(name, Set.of(), Set.of()) : resolve(account);
    }

    /** What an account may do as its groups and roles stand in the current transaction; not cached. */
    public Caller resolve(Account account) {
        Set<String> groups = new HashSet<>();
        Set<String> permissions = new HashSet<>();
        for (UserGroup group : account.getGroups()) {
            groups.add(group.getName());
            for (String roleName : group.getRoles()) {
                Role role = em.find(Role.class, roleName);
                if (role != null) {
                    permissions.addAll(role.getPermissions());
                }
            }
        }
        return new Caller(account.getName(), permissions, groups);
    }

    /** With several servers: drops what is kept when another server changed something since. */
    private void followOtherServers() {
        if (!clustered) {
            return;
        }
        long shared = em.find(SharedGeneration.class, SharedGeneration.ACCOUNTS).getGeneration();
        if (shared != sharedSeen) {
            invalidate();
            sharedSeen = shared;
        }
    }

    private static Synchronization afterCommit(Runnable work) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    work.run();
                }
            }
        };
    }
}
