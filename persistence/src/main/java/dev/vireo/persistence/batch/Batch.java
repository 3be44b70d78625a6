package dev.vireo.persistence.batch;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many VMs created or deleted by one request, each item with its own outcome: an item that fails
 * never stops the others. A creation item follows the task that makes its VM.
 */
@Entity
@Table(name = "batch")
@NamedQuery(name = Batch.NEWEST_FIRST, query = "select b from Batch b order by b.created desc, b.id desc")
public class Batch {

    public static final String NEWEST_FIRST = "Batch.newestFirst";

    public static final String CREATE = "create_guest";
    public static final String DELETE = "delete_guest";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    /** {@link #CREATE} or {@link #DELETE}. */
    @Column(nullable = false, length = 16)
    private String kind;

    @Column(length = 100)
    private String owner;

    @Column(nullable = false)
    private Instant created;

    /** The server node that works the batch (null: made before several servers). */
    @Column(length = 255)
    private String node;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "batch_item", joinColumns = @JoinColumn(name = "batch_id"))
    @OrderColumn(name = "position")
    private List<BatchItem> items = new ArrayList<>();

    protected Batch() {
    }

    public Batch(String kind, String owner, Instant created, String node, List<BatchItem> items) {
        this.kind = kind;
        this.owner = owner;
        this.created = created;
        this.node = node;
        this.items = new ArrayList<>(items);
    }

    public Long getId() {
        return id;
    }

    public String getKind() {
        return kind;
    }

    public String getOwner() {
        return owner;
    }

    public Instant getCreated() {
        return created;
    }

    public String getNode() {
        return node;
    }

    public List<BatchItem> getItems() {
        return items;
    }
}
