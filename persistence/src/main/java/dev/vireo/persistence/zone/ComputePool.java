package dev.vireo.persistence.zone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A group of hosts (Nano's compute pool) that VMs are placed in: the storage pool and network
 * its hosts share, and whether it takes new VMs at all.
 */
@Entity
@EntityListeners(ZoneChanges.class)
@Table(name = "compute_pool", uniqueConstraints = @UniqueConstraint(name = "compute_pool_name", columnNames = "name"))
@NamedQuery(name = ComputePool.BY_NAME, query = "select p from ComputePool p where p.name = :name")
@NamedQuery(name = ComputePool.ALL, query = "select p from ComputePool p order by p.name")
public class ComputePool {

    public static final String BY_NAME = "ComputePool.byName";
    public static final String ALL = "ComputePool.all";
    /** The pool every install has, holding the default host at first. */
    public static final String DEFAULT = "default";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "network_mode", nullable = false, length = 8)
    private String networkMode = "plain";

    /** The storage pool defined on every host of the pool, if one is named. */
    @Column(length = 64)
    private String storage;

    /** The network (later: address pool) the pool's VMs join, if one is named. */
    @Column(length = 64)
    private String network;

    /** The address pool whose internal ranges give the pool's guest NICs their addresses, if one is named. */
    @Column(name = "address_pool", length = 64)
    private String addressPool;

    @Column(nullable = false)
    private boolean failover;

    @Column(nullable = false)
    private Instant created;

    protected ComputePool() {
    }

    public ComputePool(String name, Instant created) {
        this.name = name;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getNetworkMode() {
        return networkMode;
    }

    public void setNetworkMode(String networkMode) {
        this.networkMode = networkMode;
    }

    public String getStorage() {
        return storage;
    }

    public void setStorage(String storage) {
        this.storage = storage;
    }

    public String getNetwork() {
        return network;
    }

    public void setNetwork(String network) {
        this.network = network;
    }

    public String getAddressPool() {
        return addressPool;
    }

    public void setAddressPool(String addressPool) {
        this.addressPool = addressPool;
    }

    public boolean isFailover() {
        return failover;
    }

    public void setFailover(boolean failover) {
        this.failover = failover;
    }

    public Instant getCreated() {
        return created;
    }
}
