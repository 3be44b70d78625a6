package dev.vireo.lock;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One operation that holds locks: a service call, and, once it starts a task, that task until it
 * ends. Locks are re-entrant per owner, so a call nested in an operation joins it.
 */
public final class LockOwner {

    /** Drawn when first asked for: most operations take no lock, and a random UUID is drawn under a shared lock. */
    private String id;
    private final String operation;
    private volatile Long task;
    private final AtomicBoolean holding = new AtomicBoolean();

    LockOwner(String operation) {
        this.operation = operation;
    }

    /** The task that took the operation over; its locks are released when it ends. */
    void handOverTo(long taskId) {
        task = taskId;
    }

    void takeBack() {
        task = null;
    }

    boolean handedOver() {
        return task != null;
    }

    /** Names the operation among every server's: its rows in the lock table carry it. */
    synchronized String id() {
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        return id;
    }

    /** The task that took the operation over, or null while the call itself holds its locks. */
    Long task() {
        return task;
    }

    /** Whether the operation runs as a task: waiting for it is pointless, it may take an hour. */
    boolean isTask() {
        return task != null;
    }

    void holds() {
        holding.set(true);
    }

    /** Whether it ever took a lock (most calls take none, and need not ask the lock store). */
    boolean holdsAny() {
        return holding.get();
    }

    /** What a refused caller is told holds the target. */
    public String describe() {
        Long id = task;
        return id == null ? operation : operation + " (task " + id + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
