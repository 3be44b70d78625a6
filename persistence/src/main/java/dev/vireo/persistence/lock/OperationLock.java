package dev.vireo.persistence.lock;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A target locked by a running operation, as every server sees it: the row is inserted to take
 * the target (its key is the primary key, so of two servers one wins), deleted when the operation
 * ends, and deleted by a survivor when the node holding it stopped beating.
 */
@Entity
@Table(name = "operation_lock")
@NamedQuery(name = OperationLock.BY_KEYS, query = "select l from OperationLock l where l.targetKey in :keys")
@NamedQuery(name = OperationLock.RELEASE, query = "delete from OperationLock l where l.owner = :owner")
@NamedQuery(name = OperationLock.RELEASE_OF_NODE, query = "delete from OperationLock l where l.node = :node")
@NamedQuery(name = OperationLock.RETELL, query = "update OperationLock l set l.holder = :holder, l.task = :task"
        + " where l.owner = :owner")
@NamedQuery(name = OperationLock.ALL, query = "select l from OperationLock l order by l.targetKey")
public class OperationLock {

    /** The rows of the targets whose keys are {@code :keys}. */
    public static final String BY_KEYS = "OperationLock.byKeys";
    /** Deletes the rows of operation {@code :owner}. */
    public static final String RELEASE = "OperationLock.release";
    /** Deletes the rows held by server node {@code :node}. */
    public static final String RELEASE_OF_NODE = "OperationLock.releaseOfNode";
    /** Writes {@code :holder} and {@code :task} on the rows of {@code :owner} (its task took it over). */
    public static final String RETELL = "OperationLock.retell";
    /** Every row, by key. */
    public static final String ALL = "OperationLock.all";

    public static final int KEY_LENGTH = 1200;
    public static final int HOLDER_LENGTH = 512;

    @Id
    @Column(name = "target_key", length = KEY_LENGTH)
    private String targetKey;

    @Column(length = 255)
    private String host;

    @Column(nullable = false, length = 64)
    private String kind;

    @Column(nullable = false, length = 1024)
    private String name;

    @Column(nullable = false, length = 36)
    private String owner;

    @Column(nullable = false, length = HOLDER_LENGTH)
    private String holder;

    private Long task;

    @Column(nullable = false, length = 255)
    private String node;

    @Column(nullable = false)
    private Instant acquired;

    protected OperationLock() {
    }

    public OperationLock(String targetKey, String host, String kind, String name, String owner, String holder,
                         Long task, String node, Instant acquired) {
        this.targetKey = targetKey;
        this.host = host;
        this.kind = kind;
        this.name = name;
        this.owner = owner;
        this.holder = fitted(holder);
        this.task = task;
        this.node = node;
        this.acquired = acquired;
    }

    /** {@code holder} cut to the column's length (an operation's name with a task number fits). */
    public static String fitted(String holder) {
        return holder.length() > HOLDER_LENGTH ? holder.substring(0, HOLDER_LENGTH) : holder;
    }

    public String getTargetKey() {
        return targetKey;
    }

    public String getHost() {
        return host;
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public String getOwner() {
        return owner;
    }

    /** What holds the target, as a refused caller is told (e.g. {@code vm.clone (task 12)}). */
    public String getHolder() {
        return holder;
    }

    /** The task that holds it, if a task does: waiting for it is pointless. */
    public Long getTask() {
        return task;
    }

    public String getNode() {
        return node;
    }

    public Instant getAcquired() {
        return acquired;
    }
}
