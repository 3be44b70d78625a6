package dev.vireo.batch;

import dev.vireo.node.NodesSilent;
import dev.vireo.node.LocalNode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up no batch item of this server can be under way: those marked so were cut short when
 * it stopped. Those of other servers go on unless their server is silent ({@link NodesSilent}).
 */
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
            int interrupted = recorder.failInterrupted(LocalNode.name());
            if (interrupted > 0) {
                LOG.warning(() -> interrupted + " batch item(s) were interrupted by the restart and are marked failed");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot mark interrupted batch items as failed", e);
        }
    }

    public void failItemsOfSilentNodes(@Observes NodesSilent silent) {
        int failed = recorder.failOfSilentNodes(silent.before());
        if (failed > 0) {
            LOG.warning(() -> failed + " batch item(s) of silent server node(s) " + silent.nodes() + " are marked failed");
        }
    }
}
