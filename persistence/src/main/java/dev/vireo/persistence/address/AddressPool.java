package dev.vireo.persistence.address;

import jakarta.persistence.CascadeType;
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
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool of IPv4 addresses (Nano's address pool): the gateway and DNS servers its guests are told,
 * its internal ranges (guest NICs get their addresses there) and external ranges, and the
 * addresses given out.
 */
@Entity
@Table(name = "address_pool")
@NamedQuery(name = AddressPool.ALL, query = "select p from AddressPool p order by p.name")
@NamedQuery(name = AddressPool.BY_NAME, query = "select p from AddressPool p where p.name = :name")
public class AddressPool {

    public static final String ALL = "AddressPool.all";
    public static final String BY_NAME = "AddressPool.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64, unique = true)
    private String name;

    @Column(nullable = false, length = 15)
    private String gateway;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "address_pool_dns", joinColumns = @JoinColumn(name = "pool_id"))
    @OrderColumn(name = "dns_order")
    @Column(name = "server", length = 15, nullable = false)
    private List<String> dns = new ArrayList<>();

    @OneToMany(mappedBy = "pool", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("kind, firstNumber")
    private List<AddressRange> ranges = new ArrayList<>();

    @Column(nullable = false)
    private Instant created;

    protected AddressPool() {
    }

    public AddressPool(String name, String gateway, Instant created) {
        this.name = name;
        this.gateway = gateway;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getGateway() {
        return gateway;
    }

    public void setGateway(String gateway) {
        this.gateway = gateway;
    }

    public List<String> getDns() {
        return List.copyOf(dns);
    }

    public void setDns(List<String> dns) {
        this.dns.clear();
        this.dns.addAll(dns);
    }

    /** The ranges, internal before external, each kind in address order. */
    public List<AddressRange> getRanges() {
        return List.copyOf(ranges);
    }

    public void addRange(AddressRange range) {
        ranges.add(range);
    }

    public void removeRange(AddressRange range) {
        ranges.remove(range);
    }

    public Instant getCreated() {
        return created;
    }
}
