package dev.vireo.vm;

import dev.vireo.libvirt.DomainLifecycle;
import dev.vireo.node.LocalNode;
import dev.vireo.persistence.node.HostListener;
import dev.vireo.persistence.vm.VmEvent;
import dev.vireo.security.Permission;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Each VM's lifecycle as libvirt reported it (started, stopped, crashed, …, also when it happened
 * outside Vireo), recorded once across servers: every server hears every host's events, but only
 * the node that listens for the host ({@link HostListener}, checked in the transaction that
 * writes) records them.
 */
@Stateless
public class VmEventLog {

    private static final Logger LOG = Logger.getLogger(VmEventLog.class.getName());
    /** How many of a VM's events the API shows, newest first. */
    static final int SHOWN = 100;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Inject
    VmAccess access;

    /** Records the event if this server listens for its host now; else the listener does (or did). */
    @PermitAll
    public void record(@Observes DomainLifecycle event) {
        if (event.domain().length() > VmEvent.NAME_LENGTH || event.host().length() > VmEvent.NAME_LENGTH) {
            LOG.fine(() -> "Not recorded, its name is too long: " + event);
            return;
        }
        String node = LocalNode.name();
        boolean listening = !em.createNamedQuery(HostListener.HELD, HostListener.class).setParameter("host", event.host())
                .setParameter("node", node).setParameter("now", Instant.now()).getResultList().isEmpty();
        if (!listening) {
            return;
        }
        em.persist(new VmEvent(event.host(), event.domain(), cut(event.kind(), VmEvent.KIND_LENGTH),
                event.detail() == null ? null : cut(event.detail(), VmEvent.DETAIL_LENGTH), node, event.at()));
    }

    /** The VM's last {@value #SHOWN} events on its host, newest first. */
    @RolesAllowed(Permission.VM_READ)
    public List<VmEventView> of(String name) {
        String vm = access.require(name).name();
        String host = access.hostOf(vm).ref().name();
        return em.createNamedQuery(VmEvent.OF_VM, VmEvent.class).setParameter("host", host).setParameter("vm", vm)
                .setMaxResults(SHOWN).getResultStream().map(VmEventView::of).toList();
    }

    /** Removes the events recorded before {@code before} (job {@code audit-retention}); how many. */
    @PermitAll
    public int removeBefore(Instant before) {
        return em.createNamedQuery(VmEvent.REMOVE_BEFORE).setParameter("before", before).executeUpdate();
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
