package dev.vireo.lock;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The locks of one server, in memory: a restart releases them, as it ends every operation. The
 * first step of {@link DatabaseOperationLocks}: operations of one server wait for each other here,
 * woken when the holder lets go, without asking the database.
 */
public class InMemoryOperationLocks implements OperationLocks {

    private final Map<LockTarget, LockOwner> held = new HashMap<>();

    @Override
    public void lock(Collection<LockTarget> targets, LockOwner owner, Duration wait) {
        take(targets, owner, wait);
    }

    /** Does {@link #lock} and answers the targets the owner did not hold before. */
    Set<LockTarget> take(Collection<LockTarget> targets, LockOwner owner, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (held) {
            while (true) {
                LockTarget busy = null;
                LockOwner holder = null;
                for (LockTarget target : targets) {
                    LockOwner current = held.get(target);
                    if (current != null && current != owner) {
                        busy = target;
                        holder = current;
                        break;
                    }
                }
                if (busy == null) {
                    Set<LockTarget> taken = new LinkedHashSet<>();
                    for (LockTarget target : targets) {
                        if (held.put(target, owner) == null) {
                            taken.add(target);
                        }
                    }
                    owner.holds();
                    return taken;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || holder.isTask()) {
                    throw new VireoException(ErrorCode.LOCKED, busy, holder.describe());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(held, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VireoException(ErrorCode.LOCKED, busy, holder.describe());
                }
            }
        }
    }

    @Override
    public void unlockAll(LockOwner owner) {
        synchronized (held) {
            if (held.values().removeIf(holder -> holder == owner)) {
                held.notifyAll();
            }
        }
    }

    /** Lets go of {@code targets} of {@code owner} (those it took in a claim that failed further on). */
    void release(Collection<LockTarget> targets, LockOwner owner) {
        synchronized (held) {
            if (held.entrySet().removeIf(entry -> entry.getValue() == owner && targets.contains(entry.getKey()))) {
                held.notifyAll();
            }
        }
    }

    @Override
    public Map<LockTarget, String> held() {
        Map<LockTarget, String> copy = new TreeMap<>(java.util.Comparator.comparing(LockTarget::toString));
        synchronized (held) {
            held.forEach((target, owner) -> copy.put(target, owner.describe()));
        }
        return copy;
    }
}
