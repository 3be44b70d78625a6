package dev.vireo.vmpool;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When {@link VmPoolManager} runs a round: every {@value #PERIOD_SECONDS} seconds, or at the next
 * second when something asked for one ({@link VmPoolManager#nudge}); never two rounds at once.
 *
 * <p>The one place that decides when: issue 17's job registry is to run the manager instead, and
 * with several servers exactly once per period ({@link #mayRunHere} is that hook; until the
 * registry lands every server runs its own rounds, which the manager's conditional updates make
 * safe for checkouts and destruction, though two servers may both clone for one missing VM).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class VmPoolSchedule {

    static final int PERIOD_SECONDS = 5;

    @EJB
    VmPoolManager manager;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/vireo-tasks")
    ManagedExecutorService executor;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger ticks = new AtomicInteger();

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void tick() {
        boolean due = ticks.incrementAndGet() % PERIOD_SECONDS == 0;
        if (running.get() || !(VmPoolManager.takeNudge() || due) || !mayRunHere() || !running.compareAndSet(false, true)) {
            return;
        }
        // the round runs on the executor: a long one never holds up (nor overlaps) the timer
        try {
            executor.execute(() -> {
                try {
                    manager.runRound();
                } finally {
                    running.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            running.set(false);
        }
    }

    /** Whether this server runs this period's round: the hook for running it once among several servers. */
    boolean mayRunHere() {
        return true;
    }
}
