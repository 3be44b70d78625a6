package dev.vireo.persistence.vm;

import dev.vireo.persistence.node.ServerNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What libvirt reported about a VM (a lifecycle event: started, stopped, crashed, …), recorded once
 * across servers by the node that listens for its host ({@code HostListener}).
 */
@Entity
@Table(name = "vm_event")
@NamedQuery(name = VmEvent.OF_VM, query = "select e from VmEvent e where e.host = :host and e.vm = :vm "
        + "order by e.occurred desc, e.id desc")
@NamedQuery(name = VmEvent.REMOVE_BEFORE, query = "delete from VmEvent e where e.occurred < :before")
public class VmEvent {

    /** The events of VM {@code :vm} on {@code :host}, newest first. */
    public static final String OF_VM = "VmEvent.ofVm";
    /** Removes the events older than {@code :before}. */
    public static final String REMOVE_BEFORE = "VmEvent.removeBefore";
    public static final int NAME_LENGTH = 255;
    public static final int KIND_LENGTH = 32;
    public static final int DETAIL_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = NAME_LENGTH)
    private String host;

    @Column(nullable = false, length = NAME_LENGTH)
    private String vm;

    @Column(nullable = false, length = KIND_LENGTH)
    private String kind;

    @Column(length = DETAIL_LENGTH)
    private String detail;

    @Column(nullable = false, length = ServerNode.NAME_LENGTH)
    private String node;

    @Column(nullable = false)
    private Instant occurred;

    protected VmEvent() {
    }

    public VmEvent(String host, String vm, String kind, String detail, String node, Instant occurred) {
        this.host = host;
        this.vm = vm;
        this.kind = kind;
        this.detail = detail;
        this.node = node;
        this.occurred = occurred;
    }

    public Long getId() {
        return id;
    }

    public String getHost() {
        return host;
    }

    public String getVm() {
        return vm;
    }

    public String getKind() {
        return kind;
    }

    public String getDetail() {
        return detail;
    }

    public String getNode() {
        return node;
    }

    public Instant getOccurred() {
        return occurred;
    }
}
