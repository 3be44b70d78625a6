package dev.vireo.storage;

import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSpec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A newcomer's templates need a pool for their disks: when the host lacks the pool named
 * {@code default} (the configured default), Vireo makes it as Kimchi does, a dir pool on
 * {@value #DIRECTORY}, started with the host. A default pool configured under another name is
 * the operator's to make: Vireo only says that it is missing.
 */
@Startup
@Singleton
public class DefaultPool {

    static final String KIMCHI_NAME = "default";
    static final String DIRECTORY = "/var/lib/libvirt/images";

    private static final Logger LOG = Logger.getLogger(DefaultPool.class.getName());

    @EJB
    HostConnections hosts;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "vireo.storage.default-pool", defaultValue = KIMCHI_NAME)
    String name;

    /** Not in the start-up itself: a slow or unreachable host must not hold the server's start. */
    @PostConstruct
    void soonAfterStart() {
        timers.createSingleActionTimer(0, new TimerConfig(null, false));
    }

    @Timeout
    void ensure() {
        HostGateways host = hosts.local();
        String uri = host.ref().uri();
        try {
            if (host.storage().pool(name).isPresent()) {
                return;
            }
            if (!KIMCHI_NAME.equals(name)) {
                LOG.warning(() -> "The default storage pool " + name + " (vireo.storage.default-pool) does not exist on "
                        + uri + ": templates that name no pool are refused until it does");
                return;
            }
            host.storage().definePool(PoolSpec.dir(name, DIRECTORY), null, true);
            LOG.info(() -> "Created the storage pool " + name + " (dir, " + DIRECTORY + ", started with the host) on "
                    + uri + ", as Kimchi does: templates that name no pool keep their disks there");
        } catch (RuntimeException e) {
            LOG.warning(() -> "Cannot make the default storage pool " + name + " on " + uri
                    + " (" + e.getMessage() + "): templates that name no pool are refused until it exists");
        }
    }
}
