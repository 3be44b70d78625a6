package dev.vireo.task;

import dev.vireo.node.LocalNode;
import dev.vireo.node.ServerNodes;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up no task of this server can be running: those marked so were cut short when it
 * stopped. Those of other servers run on unless their server is silent (see {@link ServerNodes}).
 */
@Startup
@Singleton
public class TaskRecovery {

    private static final Logger LOG = Logger.getLogger(TaskRecovery.class.getName());

    @EJB
    TaskRecorder recorder;

    @EJB
    ServerNodes nodes;

    @PostConstruct
    void failInterruptedTasks() {
        // start-up code must never throw: a failing singleton start blocks timers and shutdown
        try {
            nodes.endWorkOfSilentNodes();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot end the work of silent server nodes", e);
        }
        try {
            int interrupted = recorder.failInterrupted(LocalNode.name());
            if (interrupted > 0) {
                LOG.warning(() -> interrupted + " task(s) were interrupted by the restart and are marked failed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot mark interrupted tasks as failed", e);
        }
    }
}
