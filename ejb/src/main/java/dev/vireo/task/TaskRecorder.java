package dev.vireo.task;

import dev.vireo.audit.AuditLog;
import dev.vireo.audit.AuditedCall;
import dev.vireo.error.ErrorCode;
import dev.vireo.node.LocalNode;
import dev.vireo.persistence.node.ServerNode;
import dev.vireo.persistence.task.Task;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Writes task state, each change in a transaction of its own so that pollers see it at once and a
 * failing operation cannot roll back the record of its failure. A task's end is audited in the
 * same transaction as the end itself: under the action and target its start was audited with, as
 * done by its owner.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class TaskRecorder {

    static final String INTERRUPTED = "interrupted by server restart";

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    public TaskView create(String operation, String targetUri, String owner) {
        Task task = new Task(operation, targetUri, owner, LocalNode.name(), Instant.now(clock));
        AuditedCall.current().ifPresent(call -> task.auditedAs(call.action(), call.target()));
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
            audit(task, AuditLog.OK);
        }
    }

    /** Fails a task for an unexpected error (audited as {@code TASK0004E}). */
    public void fail(long id, String reason) {
        fail(id, ErrorCode.TASK_FAILED.code(), reason);
    }

    /** Fails a task; {@code code} is the error code its audit entry records as the result. */
    public void fail(long id, String code, String reason) {
        Task task = lock(id);
        if (task.isRunning()) {
            task.fail(reason, Instant.now(clock));
            audit(task, code);
        }
    }

    /**
     * Ends every task of server node {@code node} still marked running (and those of before tasks
     * carried their node); called once at the node's start, when none of its own can be.
     */
    public int failInterrupted(String node) {
        List<Task> running = em.createNamedQuery(Task.RUNNING_ON, Task.class).setParameter("node", node)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Instant now = Instant.now(clock);
        for (Task task : running) {
            task.fail(INTERRUPTED, now);
            audit(task, ErrorCode.TASK_INTERRUPTED.code());
        }
        return running.size();
    }

    /**
     * Ends the running tasks of the server nodes whose last heartbeat is older than {@code before}:
     * those nodes died or were cut off, and their work with them ({@code HAC0001E}).
     */
    public int failOfSilentNodes(Instant before) {
        List<Task> orphans = em.createNamedQuery(Task.RUNNING_ON_SILENT_NODES, Task.class)
                .setParameter("before", before).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        Instant now = Instant.now(clock);
        for (Task task : orphans) {
            ServerNode node = em.find(ServerNode.class, task.getNode());
            task.fail(ErrorCode.NODE_SILENT.code() + ": "
                    + ErrorCode.NODE_SILENT.reason(task.getNode(), node.getHeartbeat()), now);
            audit(task, ErrorCode.NODE_SILENT.code());
        }
        return orphans.size();
    }

    /** Removes the tasks that ended before {@code before} (job {@code task-retention}); how many. */
    public int removeEndedBefore(Instant before) {
        return em.createQuery("delete from Task t where t.status <> dev.vireo.persistence.task.TaskStatus.RUNNING "
                + "and t.updated < :before").setParameter("before", before).executeUpdate();
    }

    /** A task not started by an audited call (none today but test probes) is audited under its operation and URI. */
    private void audit(Task task, String result) {
        String action = task.getAuditAction() != null ? task.getAuditAction() : task.getOperation();
        String target = task.getAuditAction() != null ? task.getAuditTarget() : task.getTargetUri();
        String actor = task.getOwner() != null ? task.getOwner() : "system";
        audit.recordFor(actor, action, target, result, "task " + task.getId() + ": " + task.getMessage());
    }

    private Task lock(long id) {
        return em.find(Task.class, id, LockModeType.PESSIMISTIC_WRITE);
    }
}
