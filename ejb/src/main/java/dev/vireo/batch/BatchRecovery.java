package dev.vireo.batch;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Level;
import java.util.logging.Logger;

/** At start-up no batch item can be under way: those marked so were cut short when the server stopped. */
@Startup
@Singleton
public class BatchRecovery {

    private static final Logger LOG = Logger.getLogger(BatchRecovery.class.getName());

    @EJB
    BatchRecorder recorder;

    @PostConstruct
    void failInterruptedItems() {
        // start-up code must never throw: a failing singleton start blocks timers and shutdown
        try {
            int interrupted = recorder.failInterrupted();
            if (interrupted > 0) {
                LOG.warning(() -> interrupted + " batch item(s) were interrupted by the restart and are marked failed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot mark interrupted batch items as failed", e);
        }
    }
}
