package dev.vireo.persistence.zone;

import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Counts the changes to hosts and compute pools, so that who keeps a copy of the zone knows when
 * to read it again. A change counts when it is flushed and again when its transaction ends: a
 * copy read in between (still without the change) is then read once more.
 */
public class ZoneChanges {

    private static final AtomicLong VERSION = new AtomicLong();

    /** Changes so far; a copy read after this value was taken is current while it stays the same. */
    public static long version() {
        return VERSION.get();
    }

    /** Counts a change made outside JPA's view (tests, imports). */
    public static void changed() {
        VERSION.incrementAndGet();
    }

    @PostPersist
    @PostUpdate
    @PostRemove
    void flushed(Object entity) {
        changed();
        try {
            TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry)
                    new InitialContext().lookup("java:comp/TransactionSynchronizationRegistry");
            if (registry.getTransactionKey() != null) {
                registry.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                    }

                    @Override
                    public void afterCompletion(int status) {
                        changed();
                    }
                });
            }
        } catch (NamingException | RuntimeException e) {
            // no JTA here (unit tests): the flush already counted
        }
    }
}
