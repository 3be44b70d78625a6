package dev.vireo.lock;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Where the locks of running operations are kept: in the database, so that they hold across
 * servers ({@link DatabaseOperationLocks}), with this server's memory as the first step.
 */
public interface OperationLocks {

    /**
     * Takes every target for {@code owner}, all or none. A target held by another owner is waited
     * for up to {@code wait}, unless a task holds it (that may take an hour): then the answer is
     * at once a 409 {@code LOCK0001E} naming the target and what holds it.
     */
    void lock(Collection<LockTarget> targets, LockOwner owner, Duration wait);

    /**
     * The owner was handed over to its task (or taken back): others' refusals name it so, and
     * no longer wait for it. Nothing to do for locks that only one server sees.
     */
    default void ownerChanged(LockOwner owner) {
    }

    /** Lets go of everything {@code owner} holds; waiting operations may then take it. */
    void unlockAll(LockOwner owner);

    /** What is locked now, and by what. */
    Map<LockTarget, String> held();
}
