package dev.vireo.zone;

import dev.vireo.libvirt.HostConnections;
import dev.vireo.persistence.zone.ComputePool;
import dev.vireo.persistence.zone.ManagedHost;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Gives every install the compute pool {@code default} and registers the host of
 * {@code VIREO_LIBVIRT_URI} in it as {@code local}, so that a single-host install works as before.
 * {@code local} always follows the configured URI; a host registered at that URI under another name
 * gives its registration up to it (one libvirt, one host).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class DefaultZone {

    private static final Logger LOG = Logger.getLogger(DefaultZone.class.getName());

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    HostConnections connections;

    @PostConstruct
    void prepare() {
        String defaultUri = connections.local().ref().uri();
        ComputePool pool = em.createNamedQuery(ComputePool.BY_NAME, ComputePool.class)
                .setParameter("name", ComputePool.DEFAULT).getResultStream().findFirst().orElse(null);
        if (pool == null) {
            pool = new ComputePool(ComputePool.DEFAULT, Instant.now());
            em.persist(pool);
        }
        em.createNamedQuery(ManagedHost.BY_URI, ManagedHost.class).setParameter("uri", defaultUri).getResultStream()
                .filter(other -> !other.getName().equals(ManagedHost.DEFAULT))
                .forEach(other -> {
                    // one libvirt, one host: what was registered there is the default host's now
                    LOG.warning(() -> "Host '" + other.getName() + "' was registered at " + defaultUri
                            + ", which VIREO_LIBVIRT_URI now names: it is the default host '" + ManagedHost.DEFAULT
                            + "' from now on, and its registration goes");
                    em.remove(other);
                });
        em.flush();
        ManagedHost local = em.createNamedQuery(ManagedHost.BY_NAME, ManagedHost.class)
                .setParameter("name", ManagedHost.DEFAULT).getResultStream().findFirst().orElse(null);
        if (local == null) {
            em.persist(new ManagedHost(ManagedHost.DEFAULT, defaultUri, pool, Instant.now()));
            LOG.info(() -> "Registered the default host '" + ManagedHost.DEFAULT + "' at " + defaultUri
                    + " in compute pool '" + ComputePool.DEFAULT + "'");
        } else if (!local.getUri().equals(defaultUri)) {
            String before = local.getUri();
            local.setUri(defaultUri);
            LOG.info(() -> "The default host '" + ManagedHost.DEFAULT + "' moves from " + before + " to " + defaultUri
                    + " as VIREO_LIBVIRT_URI says");
        }
    }
}
