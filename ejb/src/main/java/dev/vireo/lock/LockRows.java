package dev.vireo.lock;

import dev.vireo.persistence.lock.OperationLock;
import dev.vireo.persistence.node.ServerNode;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The lock table, every claim and release in a transaction of its own: a lock is held from the
 * moment its row is committed, whatever becomes of the caller's transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LockRows {

    private static final Logger LOG = Logger.getLogger(LockRows.class.getName());

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Resource
    SessionContext session;

    /**
     * Why a claim did not succeed: {@code row} holds a target, or ({@code row} empty) another server
     * inserted one of the rows between this claim's read and its insert.
     */
    public record Busy(Optional<OperationLock> row) {

        static Busy raced() {
            return new Busy(Optional.empty());
        }
    }

    /**
     * Inserts a row for each target for {@code owner}, all or none. A row of a node that no longer
     * beats (heartbeat before {@code silentBefore}, or no heartbeat row) is taken over: that node's
     * operations ended with it. This node's own rows are never taken for another's.
     *
     * @return empty when every target is {@code owner}'s now, else what holds one of them
     */
    public Optional<Busy> claim(Collection<LockTarget> targets, String owner, String holder, Long task, String node,
                                Instant now, Instant silentBefore) {
        List<String> keys = targets.stream().map(LockTarget::key).toList();
        List<OperationLock> existing = em.createNamedQuery(OperationLock.BY_KEYS, OperationLock.class)
                .setParameter("keys", keys).getResultList();
        Set<String> mine = new HashSet<>();
        for (OperationLock row : existing) {
            if (row.getOwner().equals(owner)) {
                mine.add(row.getTargetKey());
            } else if (row.getNode().equals(node) || livesAfter(row.getNode(), silentBefore)) {
                return Optional.of(new Busy(Optional.of(row)));
            } else {
                LOG.warning(() -> "The lock of " + row.getKind() + " " + row.getName() + " held by " + row.getHolder()
                        + " on silent server node " + row.getNode() + " is taken over by " + holder + " on " + node);
                em.remove(row);
            }
        }
        try {
            em.flush();
            for (LockTarget target : targets) {
                if (!mine.contains(target.key())) {
                    em.persist(new OperationLock(target.key(), target.host(), target.kind(), target.name(), owner,
                            holder, task, node, now));
                }
            }
            em.flush();
            return Optional.empty();
        } catch (PersistenceException e) {
            // the primary key refused a row another server committed meanwhile: the caller reads again
            session.setRollbackOnly();
            return Optional.of(Busy.raced());
        }
    }

    private boolean livesAfter(String node, Instant silentBefore) {
        ServerNode beating = em.find(ServerNode.class, node);
        return beating != null && !beating.getHeartbeat().isBefore(silentBefore);
    }

    /** Deletes the rows of {@code owner}: its operation has ended. */
    public int release(String owner) {
        return em.createNamedQuery(OperationLock.RELEASE).setParameter("owner", owner).executeUpdate();
    }

    /** Tells the rows of {@code owner} that {@code holder} (task {@code task}, if not null) holds them now. */
    public void retell(String owner, String holder, Long task) {
        em.createNamedQuery(OperationLock.RETELL).setParameter("owner", owner)
                .setParameter("holder", OperationLock.fitted(holder))
                .setParameter("task", task).executeUpdate();
    }

    /** Deletes the rows held by server node {@code node}: its operations have ended (it died or restarted). */
    public int releaseHeldBy(String node) {
        return em.createNamedQuery(OperationLock.RELEASE_OF_NODE).setParameter("node", node).executeUpdate();
    }

    /** Every row, by key. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<OperationLock> all() {
        return em.createNamedQuery(OperationLock.ALL, OperationLock.class).getResultList();
    }
}
