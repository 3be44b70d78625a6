package dev.vireo.persistence.cluster;

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
 * A named group of VMs (Comet's cluster). Its members are VM names in their start order: the
 * whole starts first to last and stops last to first.
 */
@Entity
@Table(name = "vm_cluster")
@NamedQuery(name = VmCluster.ALL, query = "select c from VmCluster c order by c.name")
@NamedQuery(name = VmCluster.BY_NAME, query = "select c from VmCluster c where c.name = :name")
public class VmCluster {

    public static final String ALL = "VmCluster.all";
    public static final String BY_NAME = "VmCluster.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64, unique = true)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(nullable = false)
    private Instant created;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "vm_cluster_member", joinColumns = @JoinColumn(name = "cluster_id"))
    @OrderColumn(name = "start_position")
    @Column(name = "vm", length = 64, nullable = false)
    private List<String> members = new ArrayList<>();

    protected VmCluster() {
    }

    public VmCluster(String name, Instant created) {
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

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Instant getCreated() {
        return created;
    }

    /** The members' names in start order. */
    public List<String> getMembers() {
        return List.copyOf(members);
    }

    public void setMembers(List<String> members) {
        this.members.clear();
        this.members.addAll(members);
    }
}
