package dev.vireo.persistence.address;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * An address of a pool given to a guest's NIC (or reserved by hand): who holds it, on which host
 * and network its DHCP host entry lives (null for a reservation that wrote none). The unique
 * (pool, address) is the last guard against giving one address twice.
 */
@Entity
@Table(name = "address_allocation", uniqueConstraints = {
        @UniqueConstraint(name = "address_allocation_address", columnNames = {"pool_id", "address"})})
@NamedQuery(name = AddressAllocation.OF_POOL,
        query = "select a from AddressAllocation a where a.pool = :pool order by a.number")
@NamedQuery(name = AddressAllocation.OF_INSTANCE,
        query = "select a from AddressAllocation a where a.instance = :instance order by a.number")
@NamedQuery(name = AddressAllocation.COUNT_BY_POOL,
        query = "select a.pool.name, count(a) from AddressAllocation a group by a.pool.name")
public class AddressAllocation {

    public static final String OF_POOL = "AddressAllocation.ofPool";
    public static final String OF_INSTANCE = "AddressAllocation.ofInstance";
    public static final String COUNT_BY_POOL = "AddressAllocation.countByPool";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "pool_id", nullable = false)
    private AddressPool pool;

    @Column(nullable = false, length = 15)
    private String address;

    @Column(nullable = false)
    private long number;

    /** The guest (VM name) or whatever a reservation names. */
    @Column(nullable = false, length = 64)
    private String instance;

    @Column(length = 17)
    private String mac;

    @Column(length = 64)
    private String host;

    @Column(length = 64)
    private String network;

    @Column(nullable = false)
    private Instant created;

    protected AddressAllocation() {
    }

    public AddressAllocation(AddressPool pool, String address, long number, String instance, String mac, String host,
                             String network, Instant created) {
        this.pool = pool;
        this.address = address;
        this.number = number;
        this.instance = instance;
        this.mac = mac;
        this.host = host;
        this.network = network;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public AddressPool getPool() {
        return pool;
    }

    public String getAddress() {
        return address;
    }

    public long getNumber() {
        return number;
    }

    public String getInstance() {
        return instance;
    }

    public String getMac() {
        return mac;
    }

    public String getHost() {
        return host;
    }

    public String getNetwork() {
        return network;
    }

    public Instant getCreated() {
        return created;
    }
}
