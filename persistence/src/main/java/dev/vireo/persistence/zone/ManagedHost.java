package dev.vireo.persistence.zone;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A libvirt host Vireo manages (Nano's cell), known by its name and reached at its libvirt URI;
 * in one compute pool, or in none while it waits to be given one.
 */
@Entity
@EntityListeners(ZoneChanges.class)
@Table(name = "managed_host", uniqueConstraints = {
        @UniqueConstraint(name = "managed_host_name", columnNames = "name"),
        @UniqueConstraint(name = "managed_host_uri", columnNames = "uri")})
@NamedQuery(name = ManagedHost.BY_NAME, query = "select h from ManagedHost h left join fetch h.pool where h.name = :name")
@NamedQuery(name = ManagedHost.BY_URI, query = "select h from ManagedHost h where h.uri = :uri")
@NamedQuery(name = ManagedHost.ALL, query = "select h from ManagedHost h left join fetch h.pool order by h.name")
@NamedQuery(name = ManagedHost.IN_POOL, query = "select h from ManagedHost h where h.pool = :pool order by h.name")
@NamedQuery(name = ManagedHost.UNALLOCATED, query = "select h from ManagedHost h where h.pool is null order by h.name")
public class ManagedHost {

    public static final String BY_NAME = "ManagedHost.byName";
    public static final String BY_URI = "ManagedHost.byUri";
    public static final String ALL = "ManagedHost.all";
    public static final String IN_POOL = "ManagedHost.inPool";
    public static final String UNALLOCATED = "ManagedHost.unallocated";
    /** The host named by the configuration ({@code VIREO_LIBVIRT_URI}), registered on the first start. */
    public static final String DEFAULT = "local";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(nullable = false, length = 1000)
    private String uri;

    @Column(nullable = false)
    private boolean enabled = true;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "pool_id")
    private ComputePool pool;

    @Column(nullable = false)
    private Instant created;

    protected ManagedHost() {
    }

    public ManagedHost(String name, String uri, ComputePool pool, Instant created) {
        this.name = name;
        this.uri = uri;
        this.pool = pool;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public ComputePool getPool() {
        return pool;
    }

    public void setPool(ComputePool pool) {
        this.pool = pool;
    }

    public Instant getCreated() {
        return created;
    }

    /** Whether this is the default host, which requests address when they name no host. */
    public boolean isDefault() {
        return DEFAULT.equals(name);
    }
}
