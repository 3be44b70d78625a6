package dev.vireo.lock;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Claims targets for the operation running now. Services claim a target after checking that the
 * caller may see it (so a busy answer never reveals what they may not see) and before checking
 * its state, which they then read again.
 */
@Stateless
@PermitAll
public class Locks {

    @EJB
    OperationLocks store;

    /** How long a request waits for another request's lock; a task's is refused at once. */
    @Inject
    @ConfigProperty(name = "vireo.locks.wait-seconds", defaultValue = "10")
    int waitSeconds;

    public void claim(LockTarget... targets) {
        LockOwner owner = CurrentOperation.get().orElseThrow(() -> new IllegalStateException(
                "locks are claimed inside an operation (an @Audited service call), not " + List.of(targets)));
        store.lock(List.of(targets), owner, Duration.ofSeconds(waitSeconds));
    }
}
