package dev.vireo.batch;

import dev.vireo.error.ErrorCode;
import dev.vireo.node.LocalNode;
import dev.vireo.persistence.batch.Batch;
import dev.vireo.persistence.batch.BatchItem;
import dev.vireo.persistence.node.ServerNode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Writes batches, each change in a transaction of its own so that pollers see every item's step at once. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class BatchRecorder {

    static final String INTERRUPTED = "interrupted by server restart";
    /** Items not yet ended: a stopped server leaves them so. */
    private static final List<String> OPEN = List.of(BatchItem.PENDING, BatchItem.DELETING);

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    public long start(String kind, String owner, List<BatchItem> items) {
        Batch batch = new Batch(kind, owner, Instant.now(clock), LocalNode.name(), items);
        em.persist(batch);
        em.flush();
        return batch.getId();
    }

    public void submitted(long id, int item, String guestId, long taskId) {
        lock(id).getItems().get(item).submitted(guestId, taskId);
    }

    public void status(long id, int item, String status) {
        lock(id).getItems().get(item).status(status);
    }

    public void fail(long id, int item, String error) {
        lock(id).getItems().get(item).fail(error);
    }

    /**
     * Fails the items that server node {@code node} left pending or under way when it stopped (and
     * those of batches from before batches had a node); called once at its start-up.
     */
    public int failInterrupted(String node) {
        List<Batch> batches = em.createQuery("select distinct b from Batch b join b.items i where i.status in :open"
                        + " and (b.node = :node or b.node is null)", Batch.class)
                .setParameter("open", OPEN).setParameter("node", node).getResultList();
        int failed = 0;
        for (Batch batch : batches) {
            failed += failOpenItems(batch, INTERRUPTED);
        }
        return failed;
    }

    /**
     * Fails the open items of the batches of the server nodes whose last heartbeat is older than
     * {@code before}: those nodes died or were cut off, and their work with them ({@code HAC0002E}).
     */
    public int failOfSilentNodes(Instant before) {
        List<Batch> batches = em.createQuery("select distinct b from Batch b join b.items i where i.status in :open"
                        + " and b.node in (select n.name from ServerNode n where n.heartbeat < :before)", Batch.class)
                .setParameter("open", OPEN).setParameter("before", before).getResultList();
        int failed = 0;
        for (Batch batch : batches) {
            ServerNode node = em.find(ServerNode.class, batch.getNode());
            failed += failOpenItems(batch, ErrorCode.NODE_SILENT_BATCH_ITEM.code() + ": "
                    + ErrorCode.NODE_SILENT_BATCH_ITEM.reason(node.getName(), node.getHeartbeat()));
        }
        return failed;
    }

    private static int failOpenItems(Batch batch, String error) {
        int failed = 0;
        for (BatchItem item : batch.getItems()) {
            if (OPEN.contains(item.getStatus())) {
                item.fail(error);
                failed++;
            }
        }
        return failed;
    }

    /**
     * The batch, its row locked before anything of it is read, so that the steps of one batch take
     * turns on its latest state. Not find(): with the eagerly joined items, PostgreSQL cannot lock in
     * that select, Hibernate locks after reading, and a step that waited writes over a newer version.
     */
    private Batch lock(long id) {
        return em.createQuery("select b from Batch b where b.id = :id", Batch.class).setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getSingleResult();
    }
}
