package dev.vireo.node;

import dev.vireo.persistence.node.HostListener;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** The rows that say which node acts on each host's libvirt events ({@link HostListener}), each write in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class HostListenerStore {

    /** What a claim of a host came to. */
    public enum Claim {
        /** The node held the host already and holds it longer now. */
        RENEWED,
        /** The node holds the host now: it had no listener, or its listener's hold ran out (that node went silent). */
        TAKEN,
        /** Another node holds the host. */
        HELD_BY_ANOTHER
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /**
     * Makes {@code node} the listener of {@code host} until {@code until}, if no other node holds
     * it at {@code now}: one conditional update, so that of nodes claiming at once one wins.
     * A host without a row gets one; should another node insert it first, the insert fails and this
     * transaction with it (the caller sees an exception and tries again on its next beat).
     */
    public Claim claim(String host, String node, Instant now, Instant until) {
        HostListener before = em.find(HostListener.class, host);
        if (before == null) {
            em.persist(new HostListener(host, node, until));
            em.flush();
            return Claim.TAKEN;
        }
        String holder = before.getNode();
        em.detach(before);
        int changed = em.createNamedQuery(HostListener.CLAIM).setParameter("host", host).setParameter("node", node)
                .setParameter("now", now).setParameter("until", until).executeUpdate();
        if (changed == 0) {
            return Claim.HELD_BY_ANOTHER;
        }
        return node.equals(holder) ? Claim.RENEWED : Claim.TAKEN;
    }

    /** Ends the holds of {@code node} at {@code now} (it stops): the other nodes take its hosts over on their next beat. */
    public int letGo(String node, Instant now) {
        return em.createNamedQuery(HostListener.LET_GO).setParameter("node", node).setParameter("now", now).executeUpdate();
    }
}
