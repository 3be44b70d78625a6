package dev.vireo.security;

import dev.vireo.persistence.account.Account;
import dev.vireo.persistence.account.Role;
import dev.vireo.persistence.account.UserGroup;
import dev.vireo.persistence.node.SharedGeneration;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What each account may do, resolved once (account → groups → roles → permissions) and kept
 * until any account, group or role changes: every request needs it, few requests change it. With
 * several servers a change made through one must hold on all: it bumps the shared generation
 * {@code accounts} in its transaction, and each request compares that one row with the generation
 * this server's callers were resolved at.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AccountDirectory {

    private final Map<String, Caller> callers = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so that a load racing with a change does not cache what it read before. */
    private final AtomicLong generation = new AtomicLong();

    /** The shared generation the cached callers were resolved at. */
    private volatile long sharedSeen = -1;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /** The caller an account name stands for; an unknown name has no permissions. */
    public Caller callerNamed(String name) {
        long shared = em.find(SharedGeneration.class, SharedGeneration.ACCOUNTS).getGeneration();
        if (shared != sharedSeen) {
            invalidate();
            sharedSeen = shared;
        }
        Caller cached = callers.get(name);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Caller caller = load(name);
        if (generation.get() == before) {
            callers.put(name, caller);
        }
        return caller;
    }

    /**
     * Accounts, groups or roles change in the current transaction: once it commits, every server
     * resolves its callers again (this one at once, see {@link #invalidate}).
     */
    public void changing() {
        em.createNamedQuery(SharedGeneration.BUMP).setParameter("name", SharedGeneration.ACCOUNTS).executeUpdate();
    }

    /** Forgets every resolved caller; the next request of each account resolves it again. */
    public void invalidate() {
        generation.incrementAndGet();
        callers.clear();
    }

    private Caller load(String name) {
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
}
