package dev.vireo.lock;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * Where the locks of running operations are kept: in this server's memory for now; with several
 * servers a database-backed implementation takes its place behind this interface.
 */
public interface OperationLocks {

    /**
     * Takes every target for {@code owner}, all or none. A target held by another owner is waited
     * for up to {@code wait}, unless a task holds it (that may take an hour): then the answer is
     * at once a 409 {@code LOCK0001E} naming the target and what holds it.
     */
    void lock(Collection<LockTarget> targets, LockOwner owner, Duration wait);

    /** Lets go of everything {@code owner} holds; waiting operations may then take it. */
    void unlockAll(LockOwner owner);

    /** What is locked now, and by what. */
    Map<LockTarget, String> held();
}
