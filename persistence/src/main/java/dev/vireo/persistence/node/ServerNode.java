package dev.vireo.persistence.node;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A Vireo server among several, as it last told the others it lives: it writes its heartbeat every
 * few seconds; one whose heartbeat is older than the node timeout is taken for dead.
 */
@Entity
@Table(name = "server_node")
@NamedQuery(name = ServerNode.BEAT, query = "update ServerNode n set n.heartbeat = :now where n.name = :name")
@NamedQuery(name = ServerNode.SILENT_SINCE, query = "select n from ServerNode n where n.heartbeat < :before")
public class ServerNode {

    /** Writes {@code :now} as the heartbeat of node {@code :name}; 0 rows when it has none yet. */
    public static final String BEAT = "ServerNode.beat";
    /** The nodes whose last heartbeat is older than {@code :before}. */
    public static final String SILENT_SINCE = "ServerNode.silentSince";
    public static final int NAME_LENGTH = 255;

    @Id
    @Column(length = NAME_LENGTH)
    private String name;

    @Column(nullable = false)
    private Instant started;

    @Column(nullable = false)
    private Instant heartbeat;

    protected ServerNode() {
    }

    public ServerNode(String name, Instant now) {
        this.name = name;
        this.started = now;
        this.heartbeat = now;
    }

    public String getName() {
        return name;
    }

    public Instant getStarted() {
        return started;
    }

    public Instant getHeartbeat() {
        return heartbeat;
    }

    /** The node (re)started: a new life, beating from now on. */
    public void restarted(Instant now) {
        this.started = now;
        this.heartbeat = now;
    }
}
