package dev.vireo.storage;

import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.node.NodesSilent;
import dev.vireo.node.LocalNode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At start-up no download of this server can be running: a volume it still marks as being
 * downloaded was cut short by the server's stop, holds a part of its content, and no task will finish it. It is deleted
 * (its task, failed as interrupted, says why), as a failed download's volume is; until then it
 * stays marked interrupted, so that nothing reads or attaches it. Chunked uploads stay: a client
 * resumes them where they stopped. The downloads of another server go on unless that server is
 * silent ({@link NodesSilent}): then they ended with it, and are removed alike.
 */
@Startup
@Singleton
public class VolumeRecovery {

    private static final Logger LOG = Logger.getLogger(VolumeRecovery.class.getName());

    @EJB
    VolumeUploads uploads;

    @EJB
    HostConnections hosts;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/vireo-tasks")
    ManagedExecutorService executor;

    @PostConstruct
    void removeInterruptedDownloads() {
        // start-up code must never throw, nor wait for a libvirt host: the volumes go on the executor
        try {
            removeLater(uploads.interruptDownloads(LocalNode.name()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot mark downloads cut short by the last stop", e);
        }
    }

    public void removeDownloadsOfSilentNodes(@Observes NodesSilent silent) {
        removeLater(uploads.interruptDownloadsOfSilentNodes(silent.before()));
    }

    private void removeLater(List<VolumeUploads.Volume> interrupted) {
        if (!interrupted.isEmpty()) {
            VolumeUploads records = uploads;
            HostGateways host = hosts.local();
            executor.execute(() -> interrupted.forEach(volume -> remove(volume, records, host)));
        }
    }

    private static void remove(VolumeUploads.Volume volume, VolumeUploads records, HostGateways host) {
        try {
            if (host.storage().deleteVolume(volume.pool(), volume.name())) {
                LOG.warning(() -> "Removed volume " + volume.name() + " of pool " + volume.pool()
                        + ": its download was cut short by the last stop");
            }
            records.forget(volume.pool(), volume.name());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot remove volume " + volume.name() + " of pool " + volume.pool()
                    + ", whose download the last stop cut short; it stays marked interrupted", e);
        }
    }
}
