package dev.vireo.persistence.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A disk image's copy in a storage pool of a cell: volume {@link #getVolume()} holds the image's
 * content, of SHA-256 {@link #getChecksum()} as measured after the copy. Guests made there from
 * the image are thin overlays on it.
 */
@Entity
@Table(name = "image_copy")
@NamedQuery(name = ImageCopy.AT, query = "select c from ImageCopy c where c.image = :image and c.host = :host and c.pool = :pool")
@NamedQuery(name = ImageCopy.HOLDING, query = "select c from ImageCopy c where c.host = :host and c.pool = :pool and c.volume = :volume")
@NamedQuery(name = ImageCopy.OF_IMAGE, query = "select c from ImageCopy c where c.image = :image order by c.host, c.pool")
public class ImageCopy {

    public static final String AT = "ImageCopy.at";
    public static final String OF_IMAGE = "ImageCopy.ofImage";
    public static final String HOLDING = "ImageCopy.holding";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    /** The image's public id. */
    @Column(name = "image_public_id", nullable = false, length = 36)
    private String image;

    @Column(nullable = false, length = 64)
    private String checksum;

    @Column(nullable = false, length = 64)
    private String host;

    @Column(nullable = false, length = 64)
    private String pool;

    @Column(nullable = false, length = 128)
    private String volume;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(nullable = false)
    private Instant created;

    protected ImageCopy() {
    }

    public ImageCopy(String image, String checksum, String host, String pool, String volume, long size, Instant created) {
        this.image = image;
        this.checksum = checksum;
        this.host = host;
        this.pool = pool;
        this.volume = volume;
        this.size = size;
        this.created = created;
    }

    public Long getId() {
        return id;
    }

    public String getImage() {
        return image;
    }

    public String getChecksum() {
        return checksum;
    }

    public String getHost() {
        return host;
    }

    public String getPool() {
        return pool;
    }

    public String getVolume() {
        return volume;
    }

    public long getSize() {
        return size;
    }

    public Instant getCreated() {
        return created;
    }
}
