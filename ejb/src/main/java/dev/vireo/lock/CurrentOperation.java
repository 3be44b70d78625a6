package dev.vireo.lock;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The operation running on this thread: opened by {@link OperationScope} around a service call,
 * carried over to the task the call starts, so that the locks it claimed stay held until the task
 * ends.
 */
public final class CurrentOperation {

    private static final ThreadLocal<LockOwner> CURRENT = new ThreadLocal<>();

    private CurrentOperation() {
    }

    static Optional<LockOwner> get() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void enter(LockOwner owner) {
        CURRENT.set(owner);
    }

    static void leave() {
        CURRENT.remove();
    }

    /**
     * Hands the current operation (if one runs) to task {@code taskId}: its locks are no longer
     * released when the call returns but when the task ends ({@link #runAsTask}).
     */
    public static LockOwner handOverToTask(long taskId) {
        LockOwner owner = CURRENT.get();
        if (owner != null) {
            owner.handOverTo(taskId);
        }
        return owner;
    }

    /** Undoes {@link #handOverToTask} when the task could not start: the call releases the locks. */
    public static void takeBack(LockOwner owner) {
        if (owner != null) {
            owner.takeBack();
        }
    }

    /** Runs a task's work as the operation that started it, then releases that operation's locks. */
    public static <T> T runAsTask(LockOwner owner, OperationLocks locks, Callable<T> work) throws Exception {
        if (owner == null) {
            return work.call();
        }
        enter(owner);
        try {
            return work.call();
        } finally {
            leave();
            locks.unlockAll(owner);
        }
    }
}
