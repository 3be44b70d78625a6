package dev.vireo.persistence.template;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/** A disk a template gives its VMs: a new volume of {@code sizeGb}, or a copy of {@code volume}. */
@Embeddable
public class TemplateDisk {

    @Column(name = "disk_index", nullable = false)
    private int index;

    @Column(name = "size_gb")
    private Integer sizeGb;

    @Column(length = 255)
    private String volume;

    @Column(length = 8)
    private String format;

    @Column(length = 64, nullable = false)
    private String pool;

    protected TemplateDisk() {
    }

    public TemplateDisk(int index, Integer sizeGb, String volume, String format, String pool) {
        this.index = index;
        this.sizeGb = sizeGb;
        this.volume = volume;
        this.format = format;
        this.pool = pool;
    }

    public int index() {
        return index;
    }

    /** The size of a new volume in GB; null when the disk copies {@link #volume()}. */
    public Integer sizeGb() {
        return sizeGb;
    }

    /** A volume of {@link #pool()} holding the initial contents, or null. */
    public String volume() {
        return volume;
    }

    public String format() {
        return format;
    }

    /** The name of the storage pool. */
    public String pool() {
        return pool;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TemplateDisk disk && index == disk.index && Objects.equals(sizeGb, disk.sizeGb)
                && Objects.equals(volume, disk.volume) && Objects.equals(format, disk.format)
                && Objects.equals(pool, disk.pool);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, sizeGb, volume, format, pool);
    }
}
