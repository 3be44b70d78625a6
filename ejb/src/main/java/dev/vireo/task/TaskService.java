package dev.vireo.task;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.lock.CurrentOperation;
import dev.vireo.lock.LockOwner;
import dev.vireo.lock.OperationLocks;
import dev.vireo.persistence.task.Task;
import dev.vireo.persistence.task.TaskStatus;
import dev.vireo.security.Caller;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The task engine: long operations run on the managed executor {@code vireo-tasks} (configured in
 * wildfly-config) while their {@link Task} records status, progress and outcome for pollers.
 */
@Stateless
@RolesAllowed(Permission.TASK_READ)
public class TaskService {

    private static final Logger LOG = Logger.getLogger(TaskService.class.getName());

    @Resource(lookup = "java:jboss/ee/concurrency/executor/vireo-tasks")
    ManagedExecutorService executor;

    @EJB
    TaskRecorder recorder;

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @Resource
    SessionContext session;

    @EJB
    Callers callers;

    @EJB
    OperationLocks locks;

    @Inject
    MeterRegistry registry;

    /**
     * Records a new running task and starts {@code work} on the executor.
     *
     * @param operation what runs, e.g. {@code vm.clone}
     * @param targetUri the resource the work is about (or will create)
     * @return the task as it is now: running, progress 0
     */
    @PermitAll
    public TaskView submit(String operation, String targetUri, TaskWork work) {
        TaskView task = recorder.create(operation, targetUri, session.getCallerPrincipal().getName());
        long id = Long.parseLong(task.id());
        TaskRecorder taskRecorder = recorder;
        OperationLocks taskLocks = locks;
        TaskMeter meter = new TaskMeter(registry, operation);
        LockOwner owner = CurrentOperation.handOverToTask(id);
        if (owner != null) {
            locks.ownerChanged(owner);
        }
        try {
            executor.execute(() -> run(id, work, taskRecorder, owner, taskLocks, meter));
        } catch (RejectedExecutionException e) {
            CurrentOperation.takeBack(owner);
            if (owner != null) {
                locks.ownerChanged(owner);
            }
            recorder.fail(id, ErrorCode.TASKS_SATURATED.code(), ErrorCode.TASKS_SATURATED.reason(operation));
            throw new VireoException(ErrorCode.TASKS_SATURATED, e, operation);
        }
        return task;
    }

    public TaskView get(String id) {
        Long key = parseId(id);
        Task task = key == null ? null : em.find(Task.class, key);
        if (task == null || !callers.current().mayUseOwnedBy(task.getOwner())) {
            throw new VireoException(ErrorCode.TASK_NOT_FOUND, id);
        }
        return TaskView.of(task);
    }

    /**
     * Tasks, newest first, optionally only those with {@code status} and/or {@code targetUri}:
     * the caller's own, or everyone's for callers that see everything.
     */
    public List<TaskView> list(String status, String targetUri) {
        TaskStatus wanted = status == null ? null : parseStatus(status);
        Caller caller = callers.current();
        TypedQuery<Task> query = em.createQuery("select t from Task t where (:status is null or t.status = :status) "
                + "and (:target is null or t.targetUri = :target) and (:owner is null or t.owner = :owner) "
                + "order by t.id desc", Task.class);
        query.setParameter("status", wanted);
        query.setParameter("target", targetUri);
        query.setParameter("owner", caller.seesEverything() ? null : caller.name());
        return query.getResultList().stream().map(TaskView::of).toList();
    }

    /**
     * Runs as the operation that started it, holding that operation's locks while it works; they
     * are let go before the outcome is recorded, so whoever sees the task ended finds its target free.
     */
    private static void run(long id, TaskWork work, TaskRecorder recorder, LockOwner operation, OperationLocks locks,
                            TaskMeter meter) {
        TaskProgress progress = new TaskProgress() {
            @Override
            public void report(int percent, String message) {
                recorder.progress(id, percent, message);
            }

            @Override
            public void target(String uri) {
                recorder.target(id, uri);
            }
        };
        long started = System.nanoTime();
        // counted before the end is recorded: whoever sees the task ended finds it counted
        try {
            String message = CurrentOperation.runAsTask(operation, locks, () -> work.run(progress));
            meter.ended(TaskMeter.FINISHED, started);
            recorder.finish(id, message);
        } catch (VireoException e) {
            meter.ended(TaskMeter.FAILED, started);
            recorder.fail(id, e.code(), e.code() + ": " + e.reason());
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "Task " + id + " failed", e);
            meter.ended(TaskMeter.FAILED, started);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            recorder.fail(id, reason);
        }
    }

    private static Long parseId(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static TaskStatus parseStatus(String status) {
        try {
            return TaskStatus.fromApiName(status);
        } catch (IllegalArgumentException e) {
            throw new VireoException(ErrorCode.TASK_INVALID_STATUS, status);
        }
    }
}
