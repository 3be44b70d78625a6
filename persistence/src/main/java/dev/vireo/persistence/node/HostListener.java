package dev.vireo.persistence.node;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * Which server node acts on a libvirt host's events: every node listens to every host (its own
 * connection, its own cache), but only this one writes what an event means to the database. The
 * node renews the row on each heartbeat; once the row is held past {@link #getHeldUntil} (its node
 * went silent for the node timeout) another node takes it over with the same conditional update.
 */
@Entity
@Table(name = "host_listener")
@NamedQuery(name = HostListener.CLAIM, query = "update HostListener l set l.node = :node, l.heldUntil = :until "
        + "where l.host = :host and (l.node = :node or l.heldUntil < :now)")
@NamedQuery(name = HostListener.HELD, query = "select l from HostListener l where l.host = :host and l.node = :node "
        + "and l.heldUntil >= :now")
@NamedQuery(name = HostListener.LET_GO, query = "update HostListener l set l.heldUntil = :now where l.node = :node")
public class HostListener {

    /**
     * Makes {@code :node} the listener of {@code :host} until {@code :until}: renews its own row or
     * takes over one held past {@code :now} (1 row), else changes nothing (0: another node holds it,
     * or the host has no row yet).
     */
    public static final String CLAIM = "HostListener.claim";
    /** The row of {@code :host} if {@code :node} holds it at {@code :now}. */
    public static final String HELD = "HostListener.held";
    /** Ends every hold of {@code :node} at {@code :now} (it stops): the others take its hosts over on their next beat. */
    public static final String LET_GO = "HostListener.letGo";

    @Id
    @Column(length = ServerNode.NAME_LENGTH)
    private String host;

    @Column(nullable = false, length = ServerNode.NAME_LENGTH)
    private String node;

    @Column(name = "held_until", nullable = false)
    private Instant heldUntil;

    protected HostListener() {
    }

    public HostListener(String host, String node, Instant heldUntil) {
        this.host = host;
        this.node = node;
        this.heldUntil = heldUntil;
    }

    public String getHost() {
        return host;
    }

    public String getNode() {
        return node;
    }

    public Instant getHeldUntil() {
        return heldUntil;
    }
}
