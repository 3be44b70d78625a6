package dev.vireo.persistence.address;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A range of IPv4 addresses of an address pool, {@code start} to {@code end} inclusive, in the
 * subnet its netmask draws. The addresses are kept as text (as shown) and as numbers (to compare
 * and order them).
 */
@Entity
@Table(name = "address_range")
public class AddressRange {

    /** Guest NICs get their addresses from internal ranges. */
    public static final String INTERNAL = "internal";
    public static final String EXTERNAL = "external";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "pool_id", nullable = false)
    private AddressPool pool;

    @Column(nullable = false, length = 8)
    private String kind;

    @Column(name = "start_address", nullable = false, length = 15)
    private String start;

    @Column(name = "end_address", nullable = false, length = 15)
    private String end;

    @Column(nullable = false, length = 15)
    private String netmask;

    @Column(name = "first_number", nullable = false)
    private long firstNumber;

    @Column(name = "last_number", nullable = false)
    private long lastNumber;

    protected AddressRange() {
    }

    public AddressRange(AddressPool pool, String kind, String start, String end, String netmask, long firstNumber,
                        long lastNumber) {
        this.pool = pool;
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.netmask = netmask;
        this.firstNumber = firstNumber;
        this.lastNumber = lastNumber;
    }

    public Long getId() {
        return id;
    }

    public AddressPool getPool() {
        return pool;
    }

    public String getKind() {
        return kind;
    }

    public String getStart() {
        return start;
    }

    public String getEnd() {
        return end;
    }

    public String getNetmask() {
        return netmask;
    }

    public long getFirstNumber() {
        return firstNumber;
    }

    public long getLastNumber() {
        return lastNumber;
    }

    /** How many addresses the range holds. */
    public long size() {
        return lastNumber - firstNumber + 1;
    }

    public boolean holds(long address) {
        return address >= firstNumber && address <= lastNumber;
    }
}
