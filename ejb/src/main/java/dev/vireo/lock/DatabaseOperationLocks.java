package dev.vireo.lock;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.node.LocalNode;
import dev.vireo.node.ServerNodes;
import dev.vireo.persistence.lock.OperationLock;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Locks that hold across servers: the database's lock table is the truth ({@link LockRows}), a
 * row per target, inserted to take it. This server's memory is the first step, so that its own
 * operations wait for each other without asking the database, and only what no operation of this
 * server holds is claimed there. A target another server holds is waited for as one held here is:
 * up to the wait, asking again every {@value #POLL_MILLIS} ms, or refused at once when a task
 * holds it.
 */
@Singleton
@Local(OperationLocks.class)
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseOperationLocks implements OperationLocks {

    private static final Logger LOG = Logger.getLogger(DatabaseOperationLocks.class.getName());
    static final long POLL_MILLIS = 200;

    private final InMemoryOperationLocks local = new InMemoryOperationLocks();

    @EJB
    LockRows rows;

    @EJB
    ServerNodes nodes;

    @Override
    public void lock(Collection<LockTarget> targets, LockOwner owner, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Set<LockTarget> taken = local.take(targets, owner, wait);
        if (taken.isEmpty()) {
            return;
        }
        boolean claimed = false;
        try {
            claimInDatabase(taken, owner, deadline);
            claimed = true;
        } finally {
            if (!claimed) {
                local.release(taken, owner);
            }
        }
    }

    private void claimInDatabase(Set<LockTarget> targets, LockOwner owner, long deadline) {
        while (true) {
            Optional<LockRows.Busy> busy = rows.claim(targets, owner.id(), owner.describe(), owner.task(),
                    LocalNode.name(), now(), nodes.silentBefore());
            if (busy.isEmpty()) {
                return;
            }
            OperationLock row = busy.get().row().orElse(null);
            long left = deadline - System.nanoTime();
            if (row != null && (left <= 0 || row.getTask() != null)) {
                throw new VireoException(ErrorCode.LOCKED, new LockTarget(row.getHost(), row.getKind(), row.getName()),
                        row.getHolder() + " on server node " + row.getNode());
            }
            // lost a race for a row: read again at once; else wait for the holder to let go
            if (row != null) {
                pause(Math.min(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS), left), targets);
            }
        }
    }

    private static void pause(long nanos, Set<LockTarget> targets) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VireoException(ErrorCode.LOCKED, targets.iterator().next(), "an operation on another server");
        }
    }

    @Override
    public void ownerChanged(LockOwner owner) {
        if (owner.holdsAny()) {
            rows.retell(owner.id(), owner.describe(), owner.task());
        }
    }

    /**
     * Deletes the owner's rows, then lets this server's waiting operations go on. Should the
     * database fail here, the rows stay until this server restarts or is taken for dead.
     */
    @Override
    public void unlockAll(LockOwner owner) {
        if (!owner.holdsAny()) {
            return;
        }
        try {
            rows.release(owner.id());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot release the locks of " + owner.describe() + " in the database", e);
        } finally {
            local.unlockAll(owner);
        }
    }

    /** What is locked now on every server, and by what (with the node when it is not this one). */
    @Override
    public Map<LockTarget, String> held() {
        Map<LockTarget, String> held = new TreeMap<>(Comparator.comparing(LockTarget::toString));
        String here = LocalNode.name();
        for (OperationLock row : rows.all()) {
            held.put(new LockTarget(row.getHost(), row.getKind(), row.getName()),
                    here.equals(row.getNode()) ? row.getHolder() : row.getHolder() + " on server node " + row.getNode());
        }
        return held;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
