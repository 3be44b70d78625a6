package dev.vireo.task;

import dev.vireo.persistence.task.Task;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes task state, each change in a transaction of its own so that pollers see it at once and a
 * failing operation cannot roll back the record of its failure.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TaskRecorder {

    static final String INTERRUPTED = "interrupted by server restart";

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    public TaskView create(String operation, String targetUri, String owner) {
        Task task = new Task(operation, targetUri, owner, Instant.now(clock));
        em.persist(task);
        em.flush();
        return TaskView.of(task);
    }

    public void progress(long id, int percent, String message) {
        Task task = lock(id);
        if (task.isRunning()) {
            task.progress(percent, message, Instant.now(clock));
        }
    }

    public void target(long id, String uri) {
        lock(id).retarget(uri);
    }

    public void finish(long id, String message) {
        Task task = lock(id);
        if (task.isRunning()) {
            task.finish(message, Instant.now(clock));
        }
    }

    public void fail(long id, String reason) {
        Task task = lock(id);
        if (task.isRunning()) {
            task.fail(reason, Instant.now(clock));
        }
    }

    /** Ends every task still marked running; called once at start-up, when none can be. */
    public int failInterrupted() {
        return em.createNamedQuery(Task.FAIL_RUNNING)
                .setParameter("message", INTERRUPTED)
                .setParameter("now", Instant.now(clock))
                .executeUpdate();
    }

    private Task lock(long id) {
        return em.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
    }
}
