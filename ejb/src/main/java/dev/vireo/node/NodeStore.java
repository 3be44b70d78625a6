package dev.vireo.node;

import dev.vireo.persistence.node.ServerNode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** The server nodes' heartbeats in the database, each write in a transaction of its own. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class NodeStore {

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    /** Node {@code name} starts (again): its row says so, beating from {@code now}. */
    public void started(String name, Instant now) {
        ServerNode node = em.find(ServerNode.class, name);
        if (node == null) {
            em.persist(new ServerNode(name, now));
        } else {
            node.restarted(now);
        }
    }

    /** Writes node {@code name}'s heartbeat; false when it has no row (removed behind its back). */
    public boolean beat(String name, Instant now) {
        return em.createNamedQuery(ServerNode.BEAT).setParameter("name", name).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** The nodes whose last heartbeat is older than {@code before}. */
    public List<ServerNode> silentSince(Instant before) {
        return em.createNamedQuery(ServerNode.SILENT_SINCE, ServerNode.class).setParameter("before", before)
                .getResultList();
    }
}
