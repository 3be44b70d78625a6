package dev.vireo.persistence.vmpool;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
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
import java.util.ArrayList;
import java.util.List;

/**
 * vmpooler's on-demand request: so many VMs of each pool named, cloned for the caller alone and
 * handed to it (checked out) as each runs; the request is ready when all of them run. Open until
 * ready, failed (a reason) or deleted.
 */
@Entity
@Table(name = "ondemand_request")
@NamedQuery(name = OnDemandRequest.BY_REQUEST_ID, query = "select r from OnDemandRequest r where r.requestId = :requestId")
@NamedQuery(name = OnDemandRequest.OPEN, query = "select r from OnDemandRequest r where r.readyAt is null"
        + " and r.deletedAt is null and r.failure is null order by r.id")
public class OnDemandRequest {

    public static final String BY_REQUEST_ID = "OnDemandRequest.byRequestId";
    public static final String OPEN = "OnDemandRequest.open";

    /** VMs of one pool a request asks for, under the name (or alias) it asked with. */
    @Embeddable
    public static class Item {

        @Column(name = "asked_as", length = 64, nullable = false)
        private String askedAs;

        @Column(length = 64, nullable = false)
        private String pool;

        @Column(name = "vm_count", nullable = false)
        private int count;

        protected Item() {
        }

        public Item(String askedAs, String pool, int count) {
            this.askedAs = askedAs;
            this.pool = pool;
            this.count = count;
        }

        public String getAskedAs() {
            return askedAs;
        }

        public String getPool() {
            return pool;
        }

        public int getCount() {
            return count;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(name = "request_id", length = 64, nullable = false, unique = true)
    private String requestId;

    @Column(length = 64, nullable = false)
    private String owner;

    /** The public id of the API token it was made with, if any. */
    @Column(length = 32)
    private String token;

    @Column(nullable = false)
    private Instant created;

    @Column(name = "ready_at")
    private Instant readyAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @Column(length = 2000)
    private String failure;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "ondemand_request_pool", joinColumns = @JoinColumn(name = "request_id"))
    private List<Item> items = new ArrayList<>();

    protected OnDemandRequest() {
    }

    public OnDemandRequest(String requestId, String owner, String token, Instant created, List<Item> items) {
        this.requestId = requestId;
        this.owner = owner;
        this.token = token;
        this.created = created;
        this.items = new ArrayList<>(items);
    }

    public Long getId() {
        return id;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getOwner() {
        return owner;
    }

    public String getToken() {
        return token;
    }

    public Instant getCreated() {
        return created;
    }

    public Instant getReadyAt() {
        return readyAt;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public String getFailure() {
        return failure;
    }

    public List<Item> getItems() {
        return items;
    }

    public boolean isOpen() {
        return readyAt == null && deletedAt == null && failure == null;
    }

    public void ready(Instant now) {
        readyAt = now;
    }

    public void delete(Instant now) {
        deletedAt = now;
    }

    public void fail(String why) {
        failure = why == null || why.length() <= 2000 ? why : why.substring(0, 2000);
    }
}
