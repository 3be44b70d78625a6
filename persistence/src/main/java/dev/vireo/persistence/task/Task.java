package dev.vireo.persistence.task;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A long operation: its state is written by the worker, read by anyone who polls it. */
@Entity
@Table(name = "task", indexes = {
        @Index(name = "task_status", columnList = "status"),
        @Index(name = "task_target", columnList = "target_uri")})
@NamedQuery(name = Task.RUNNING_ON,
        query = "select t from Task t where t.status = dev.vireo.persistence.task.TaskStatus.RUNNING "
                + "and (t.node = :node or t.node is null)")
@NamedQuery(name = Task.RUNNING_ON_SILENT_NODES,
        query = "select t from Task t where t.status = dev.vireo.persistence.task.TaskStatus.RUNNING "
                + "and t.node in (select n.name from ServerNode n where n.heartbeat < :before)")
public class Task {

    /** The running tasks of node {@code :node}, and those of before tasks carried their node. */
    public static final String RUNNING_ON = "Task.runningOn";
    /** The running tasks of the nodes whose last heartbeat is older than {@code :before}. */
    public static final String RUNNING_ON_SILENT_NODES = "Task.runningOnSilentNodes";
    public static final int MESSAGE_LENGTH = 2000;
    public static final int AUDIT_TARGET_LENGTH = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 80)
    private String operation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private TaskStatus status = TaskStatus.RUNNING;

    @Column(length = MESSAGE_LENGTH)
    private String message;

    @Column(name = "target_uri", length = 1000)
    private String targetUri;

    @Column(nullable = false)
    private int progress;

    @Column(length = 100)
    private String owner;

    /** The audit action and target of the call that started the task, which its outcome is audited under. */
    @Column(name = "audit_action", length = 80)
    private String auditAction;

    @Column(name = "audit_target", length = AUDIT_TARGET_LENGTH)
    private String auditTarget;

    /** The server (node name) whose executor runs the task. */
    @Column(length = 255)
    private String node;

    @Column(nullable = false)
    private Instant created;

    @Column(nullable = false)
    private Instant updated;

    protected Task() {
    }

    public Task(String operation, String targetUri, String owner, String node, Instant now) {
        this.operation = operation;
        this.node = node;
        this.targetUri = targetUri;
        this.owner = owner;
        this.message = "running";
        this.created = now;
        this.updated = now;
    }

    /** Names the audited call that started this task; its outcome is then recorded under the same action and target. */
    public void auditedAs(String action, String target) {
        this.auditAction = action;
        this.auditTarget = target == null || target.length() <= AUDIT_TARGET_LENGTH ? target
                : target.substring(0, AUDIT_TARGET_LENGTH - 1) + "…";
    }

    public Long getId() {
        return id;
    }

    public String getNode() {
        return node;
    }

    public String getOperation() {
        return operation;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public String getMessage() {
        return message;
    }

    public String getTargetUri() {
        return targetUri;
    }

    public int getProgress() {
        return progress;
    }

    public String getOwner() {
        return owner;
    }

    /** The audit action of the call that started this task, or null when none was audited. */
    public String getAuditAction() {
        return auditAction;
    }

    public String getAuditTarget() {
        return auditTarget;
    }

    public Instant getCreated() {
        return created;
    }

    public Instant getUpdated() {
        return updated;
    }

    public boolean isRunning() {
        return status == TaskStatus.RUNNING;
    }

    /** Records progress of a running task; progress never goes backwards and stays within 0–100. */
    public void progress(int percent, String message, Instant now) {
        requireRunning();
        this.progress = Math.max(this.progress, Math.min(100, Math.max(0, percent)));
        if (message != null) {
            this.message = truncate(message);
        }
        this.updated = now;
    }

    public void retarget(String targetUri) {
        this.targetUri = targetUri;
    }

    public void finish(String message, Instant now) {
        requireRunning();
        this.status = TaskStatus.FINISHED;
        this.progress = 100;
        this.message = truncate(message == null ? "OK" : message);
        this.updated = now;
    }

    public void fail(String reason, Instant now) {
        requireRunning();
        this.status = TaskStatus.FAILED;
        this.message = truncate(reason == null ? "failed" : reason);
        this.updated = now;
    }

    private void requireRunning() {
        if (status != TaskStatus.RUNNING) {
            throw new IllegalStateException("task " + id + " has already ended: " + status);
        }
    }

    private static String truncate(String text) {
        return text.length() <= MESSAGE_LENGTH ? text : text.substring(0, MESSAGE_LENGTH - 1) + "…";
    }
}
