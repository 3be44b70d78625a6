package dev.vireo.persistence.vmpool;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pool of ready VMs made from one template (vmpooler's pool): the manager keeps {@link #getSize()}
 * of them ready; a checkout hands one out for a lifetime. After clones failed in a row the pool
 * waits until {@link #getRetryAfter()} before it clones again, so a broken template never loops.
 */
@Entity
@Table(name = "vm_pool")
@NamedQuery(name = VmPool.ALL, query = "select p from VmPool p order by p.name")
@NamedQuery(name = VmPool.BY_NAME, query = "select p from VmPool p where p.name = :name")
@NamedQuery(name = VmPool.BY_ALIAS, query = "select p from VmPool p join p.aliases a where a = :name")
public class VmPool {

    public static final String ALL = "VmPool.all";
    public static final String BY_NAME = "VmPool.byName";
    public static final String BY_ALIAS = "VmPool.byAlias";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64, unique = true)
    private String name;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "vm_pool_alias", joinColumns = @JoinColumn(name = "pool_id"))
    @Column(name = "alias_name", length = 64, nullable = false)
    private Set<String> aliases = new TreeSet<>();

    @Column(nullable = false, length = 64)
    private String template;

    @Column(name = "pool_size", nullable = false)
    private int size;

    @Column(name = "default_lifetime_hours", nullable = false)
    private int defaultLifetimeHours;

    @Column(name = "max_lifetime_hours", nullable = false)
    private int maxLifetimeHours;

    /** The compute pool its VMs are placed in (null: pool {@code default}), unless {@link #host} names one host. */
    @Column(name = "compute_pool", length = 64)
    private String computePool;

    @Column(length = 64)
    private String host;

    /** What vmpooler answers as {@code domain}: the DNS suffix of its VMs' host names. */
    @Column(name = "domain_suffix", length = 253)
    private String domainSuffix;

    @Column(nullable = false)
    private Instant created;

    /** Clones that failed in a row since the last one that became ready. */
    @Column(name = "clone_failures", nullable = false)
    private int cloneFailures;

    @Column(name = "retry_after")
    private Instant retryAfter;

    @Column(name = "last_failure", length = 2000)
    private String lastFailure;

    protected VmPool() {
    }

    public VmPool(String name, Instant created) {
        this.name = name;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public Set<String> getAliases() {
        return aliases;
    }

    public void setAliases(Set<String> aliases) {
        this.aliases.clear();
        this.aliases.addAll(aliases);
    }

    public String getTemplate() {
        return template;
    }

    public void setTemplate(String template) {
        this.template = template;
    }

    public int getSize() {
        return size;
    }

    public void setSize(int size) {
        this.size = size;
    }

    public int getDefaultLifetimeHours() {
        return defaultLifetimeHours;
    }

    public void setDefaultLifetimeHours(int hours) {
        this.defaultLifetimeHours = hours;
    }

    public int getMaxLifetimeHours() {
        return maxLifetimeHours;
    }

    public void setMaxLifetimeHours(int hours) {
        this.maxLifetimeHours = hours;
    }

    public String getComputePool() {
        return computePool;
    }

    public void setComputePool(String computePool) {
        this.computePool = computePool;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getDomainSuffix() {
        return domainSuffix;
    }

    public void setDomainSuffix(String domainSuffix) {
        this.domainSuffix = domainSuffix;
    }

    public Instant getCreated() {
        return created;
    }

    public int getCloneFailures() {
        return cloneFailures;
    }

    public Instant getRetryAfter() {
        return retryAfter;
    }

    public String getLastFailure() {
        return lastFailure;
    }

    /** A clone failed: the pool waits {@code backOff} before it clones again. */
    public void cloneFailed(String reason, Instant retryAfter) {
        this.cloneFailures++;
        this.lastFailure = reason;
        this.retryAfter = retryAfter;
    }

    /** A clone became ready: the template works, the back-off ends. */
    public void cloneSucceeded() {
        this.cloneFailures = 0;
        this.retryAfter = null;
    }

    /** Whether a pool that backs off until {@code retryAfter} (null: it does not) may clone at {@code now}. */
    public static boolean mayCloneAt(Instant retryAfter, Instant now) {
        return retryAfter == null || !now.isBefore(retryAfter);
    }
}
