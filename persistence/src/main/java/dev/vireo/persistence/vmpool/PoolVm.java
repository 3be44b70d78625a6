package dev.vireo.persistence.vmpool;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A VM of a pool, by its host name (the libvirt domain's name). State changes that two callers
 * may race for (a checkout, a retirement) are conditional updates on {@link #state}, so exactly one
 * of them wins.
 */
@Entity
@Table(name = "pool_vm")
@NamedQuery(name = PoolVm.OF_POOL, query = "select v from PoolVm v where v.pool = :pool order by v.id")
@NamedQuery(name = PoolVm.BY_HOSTNAME, query = "select v from PoolVm v where v.hostname = :hostname")
@NamedQuery(name = PoolVm.READY, query = "select v.id, v.hostname, v.host from PoolVm v where v.pool.id = :pool and v.state = "
        + "dev.vireo.persistence.vmpool.PoolVmState.READY order by v.id")
@NamedQuery(name = PoolVm.CHECK_OUT, query = "update PoolVm v set v.state = dev.vireo.persistence.vmpool.PoolVmState.RUNNING,"
        + " v.token = :token, v.owner = :owner, v.checkedOut = :now, v.lifetimeHours = :lifetime,"
        + " v.version = v.version + 1 where v.id = :id and v.state = dev.vireo.persistence.vmpool.PoolVmState.READY")
@NamedQuery(name = PoolVm.OF_REQUEST, query = "select v from PoolVm v where v.request = :request order by v.id")
@NamedQuery(name = PoolVm.OF_TOKEN, query = "select v from PoolVm v where v.token = :token order by v.hostname")
public class PoolVm {

    public static final String OF_POOL = "PoolVm.ofPool";
    public static final String BY_HOSTNAME = "PoolVm.byHostname";
    /** A pool's ready VMs as id, host name and host (no entities: a checkout needs no more, nor their tags). */
    public static final String READY = "PoolVm.ready";
    public static final String CHECK_OUT = "PoolVm.checkOut";
    public static final String OF_TOKEN = "PoolVm.ofToken";
    public static final String OF_REQUEST = "PoolVm.ofRequest";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "pool_id", nullable = false)
    private VmPool pool;

    @Column(nullable = false, length = 64, unique = true)
    private String hostname;

    /** The zone host it was placed on; null until its clone chose one. */
    @Column(length = 64)
    private String host;

    /** The template it was cloned from (a pool's template may change since). */
    @Column(nullable = false, length = 64)
    private String template;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private PoolVmState state;

    /** Why it is retiring. */
    @Column(length = 2000)
    private String reason;

    /** The public id of the API token it was checked out with. */
    @Column(length = 32)
    private String token;

    /** The account it was checked out by. */
    @Column(length = 64)
    private String owner;

    /** When its clone started. */
    @Column(nullable = false)
    private Instant created;

    @Column(name = "ready_at")
    private Instant readyAt;

    @Column(name = "checked_out")
    private Instant checkedOut;

    @Column(name = "lifetime_hours")
    private Integer lifetimeHours;

    /** The on-demand request it was cloned for, if any: then it is handed to that request's caller, never made ready. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "request_id")
    private OnDemandRequest request;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "pool_vm_tag", joinColumns = @JoinColumn(name = "vm_id"))
    @MapKeyColumn(name = "tag_key", length = 64)
    @Column(name = "tag_value", length = 255, nullable = false)
    private Map<String, String> tags = new TreeMap<>();

    protected PoolVm() {
    }

    public PoolVm(VmPool pool, String hostname, String template, Instant created) {
        this.pool = pool;
        this.hostname = hostname;
        this.template = template;
        this.created = created;
        this.state = PoolVmState.PENDING;
    }

    /** A VM to clone for an on-demand request: recorded as requested, the pool manager clones it. */
    public static PoolVm requested(VmPool pool, String hostname, OnDemandRequest request, Instant created) {
        PoolVm vm = new PoolVm(pool, hostname, pool.getTemplate(), created);
        vm.state = PoolVmState.REQUESTED;
        vm.request = request;
        vm.host = pool.getHost();
        return vm;
    }

    public OnDemandRequest getRequest() {
        return request;
    }

    public Long getId() {
        return id;
    }

    public VmPool getPool() {
        return pool;
    }

    public String getHostname() {
        return hostname;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getTemplate() {
        return template;
    }

    public PoolVmState getState() {
        return state;
    }

    public String getReason() {
        return reason;
    }

    public String getToken() {
        return token;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getCreated() {
        return created;
    }

    public Instant getReadyAt() {
        return readyAt;
    }

    public Instant getCheckedOut() {
        return checkedOut;
    }

    public Integer getLifetimeHours() {
        return lifetimeHours;
    }

    public void setLifetimeHours(Integer lifetimeHours) {
        this.lifetimeHours = lifetimeHours;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public void ready(Instant now) {
        this.state = PoolVmState.READY;
        this.readyAt = now;
    }

    public void retire(String why) {
        this.state = PoolVmState.RETIRING;
        this.reason = why;
    }

    /** When a checked-out VM's lifetime ends; null for one not checked out. */
    public Instant expires() {
        return expires(checkedOut, lifetimeHours);
    }

    /** When a VM checked out at {@code checkedOut} for {@code lifetimeHours} hours expires; null for one not checked out. */
    public static Instant expires(Instant checkedOut, Integer lifetimeHours) {
        return checkedOut == null || lifetimeHours == null ? null : checkedOut.plusSeconds(lifetimeHours * 3600L);
    }
}
