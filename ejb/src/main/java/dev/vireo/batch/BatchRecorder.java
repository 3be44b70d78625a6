package dev.vireo.batch;

import dev.vireo.persistence.batch.Batch;
import dev.vireo.persistence.batch.BatchItem;
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

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    public long start(String kind, String owner, List<BatchItem> items) {
        Batch batch = new Batch(kind, owner, Instant.now(clock), items);
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

    /** Fails the items a stopped server left pending or under way; called once at start-up. */
    public int failInterrupted() {
        int failed = 0;
        List<Batch> batches = em.createQuery("select distinct b from Batch b join b.items i where i.status in :open",
                Batch.class).setParameter("open", List.of(BatchItem.PENDING, BatchItem.DELETING)).getResultList();
        for (Batch batch : batches) {
            for (BatchItem item : batch.getItems()) {
                if (BatchItem.PENDING.equals(item.getStatus()) || BatchItem.DELETING.equals(item.getStatus())) {
                    item.fail(INTERRUPTED);
                    failed++;
                }
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
