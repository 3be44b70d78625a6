package dev.vireo.persistence.cluster;

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
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A snapshot set of a cluster: one snapshot of each member, taken together under one name and
 * reverted or deleted as a whole. The members are those of the cluster when the set was taken.
 */
@Entity
@Table(name = "vm_cluster_snapshot")
@NamedQuery(name = VmClusterSnapshot.OF_CLUSTER, query = "select s from VmClusterSnapshot s where s.cluster = :cluster"
        + " order by s.created, s.name")
@NamedQuery(name = VmClusterSnapshot.BY_NAME, query = "select s from VmClusterSnapshot s where s.cluster = :cluster"
        + " and s.name = :name")
public class VmClusterSnapshot {

    public static final String OF_CLUSTER = "VmClusterSnapshot.ofCluster";
    public static final String BY_NAME = "VmClusterSnapshot.byName";

    /** A member VM and the name of its snapshot in the set. */
    @Embeddable
    public static class Member {

        @Column(length = 64, nullable = false)
        private String vm;

        @Column(length = 64, nullable = false)
        private String snapshot;

        protected Member() {
        }

        public Member(String vm, String snapshot) {
            this.vm = vm;
            this.snapshot = snapshot;
        }

        public String getVm() {
            return vm;
        }

        public String getSnapshot() {
            return snapshot;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "cluster_id", nullable = false)
    private VmCluster cluster;

    @Column(nullable = false, length = 64)
    private String name;

    @Column(length = 1000)
    private String description;

    @Column(nullable = false)
    private Instant created;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "vm_cluster_snapshot_member", joinColumns = @JoinColumn(name = "set_id"))
    @OrderColumn(name = "member_position")
    private List<Member> members = new ArrayList<>();

    protected VmClusterSnapshot() {
    }

    public VmClusterSnapshot(VmCluster cluster, String name, String description, Instant created, List<Member> members) {
        this.cluster = cluster;
        this.name = name;
        this.description = description;
        this.created = created;
        this.members.addAll(members);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public Instant getCreated() {
        return created;
    }

    /** The members in the cluster's start order when the set was taken. */
    public List<Member> getMembers() {
        return List.copyOf(members);
    }

    public void setMembers(List<Member> members) {
        this.members.clear();
        this.members.addAll(members);
    }
}
