package dev.vireo.task;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Level;
import java.util.logging.Logger;

/** At start-up no task can be running: those marked so were cut short when the server stopped. */
@Startup
@Singleton
public class TaskRecovery {

    private static final Logger LOG = Logger.getLogger(TaskRecovery.class.getName());

    @EJB
    TaskRecorder recorder;

    @PostConstruct
    void failInterruptedTasks() {
        // start-up code must never throw: a failing singleton start blocks timers and shutdown
        try {
            int interrupted = recorder.failInterrupted();
            if (interrupted > 0) {
                LOG.warning(() -> interrupted + " task(s) were interrupted by the restart and are marked failed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot mark interrupted tasks as failed", e);
        }
    }
}
