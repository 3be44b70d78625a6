package dev.vireo.persistence.storage;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A volume being filled by chunked uploads: how many bytes it expects and how many arrived, in
 * order from the start. It lives from the upload's start to its last byte, so an upload resumes
 * after a lost connection or a server restart.
 */
@Entity
@Table(name = "volume_upload", uniqueConstraints = @UniqueConstraint(name = "volume_upload_volume",
        columnNames = {"pool", "volume"}))
@NamedQuery(name = VolumeUpload.OF_VOLUME,
        query = "select u from VolumeUpload u where u.pool = :pool and u.volume = :volume")
@NamedQuery(name = VolumeUpload.OF_POOL, query = "select u from VolumeUpload u where u.pool = :pool")
public class VolumeUpload {

    public static final String OF_VOLUME = "VolumeUpload.ofVolume";
    public static final String OF_POOL = "VolumeUpload.ofPool";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Version
    private long version;

    @Column(nullable = false, length = 64)
    private String pool;

    @Column(nullable = false, length = 64)
    private String volume;

    @Column(name = "total_bytes", nullable = false)
    private long totalBytes;

    @Column(name = "written_bytes", nullable = false)
    private long writtenBytes;

    @Column(nullable = false)
    private Instant created;

    @Column(nullable = false)
    private Instant updated;

    protected VolumeUpload() {
    }

    public VolumeUpload(String pool, String volume, long totalBytes, Instant now) {
        if (totalBytes < 1) {
            throw new IllegalArgumentException("an upload has at least one byte, not " + totalBytes);
        }
        this.pool = pool;
        this.volume = volume;
        this.totalBytes = totalBytes;
        this.created = now;
        this.updated = now;
    }

    public String getPool() {
        return pool;
    }

    public String getVolume() {
        return volume;
    }

    public long getTotalBytes() {
        return totalBytes;
    }

    /** The bytes written so far, which is also where the next chunk goes. */
    public long getWrittenBytes() {
        return writtenBytes;
    }

    public Instant getUpdated() {
        return updated;
    }

    /** Counts a chunk written at the current offset; a chunk past the end is a bug of the caller. */
    public void advance(long bytes, Instant now) {
        if (bytes < 1 || bytes > totalBytes - writtenBytes) {
            throw new IllegalArgumentException(bytes + " more bytes do not fit: " + writtenBytes + " of "
                    + totalBytes + " written");
        }
        writtenBytes += bytes;
        updated = now;
    }

    public boolean isComplete() {
        return writtenBytes == totalBytes;
    }
}
