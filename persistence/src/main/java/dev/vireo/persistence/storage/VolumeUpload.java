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
 * A volume being filled, by chunked uploads or by a download from a URL: how many bytes it expects
 * and how many arrived, in order from the start. It lives from the filling's start to its last
 * byte, so the volume is known to be incomplete until then, also after a crash. A chunked upload
 * resumes after a lost connection or a server restart; a download cannot, and is marked
 * interrupted at the next start.
 */
@Entity
@Table(name = "volume_upload", uniqueConstraints = @UniqueConstraint(name = "volume_upload_volume",
        columnNames = {"pool", "volume"}))
@NamedQuery(name = VolumeUpload.OF_VOLUME,
        query = "select u from VolumeUpload u where u.pool = :pool and u.volume = :volume")
@NamedQuery(name = VolumeUpload.OF_POOL, query = "select u from VolumeUpload u where u.pool = :pool")
@NamedQuery(name = VolumeUpload.DOWNLOADS_ON,
        query = "select u from VolumeUpload u where u.url is not null and (u.node = :node or u.node is null)")
@NamedQuery(name = VolumeUpload.DOWNLOADS_OF_SILENT_NODES, query = "select u from VolumeUpload u where u.url is not null"
        + " and u.node in (select n.name from ServerNode n where n.heartbeat < :before)")
public class VolumeUpload {

    public static final String OF_VOLUME = "VolumeUpload.ofVolume";
    public static final String OF_POOL = "VolumeUpload.ofPool";
    /** The downloads of server node {@code :node} (and those from before downloads had a node). */
    public static final String DOWNLOADS_ON = "VolumeUpload.downloadsOn";
    /** The downloads of the server nodes whose last heartbeat is older than {@code :before}. */
    public static final String DOWNLOADS_OF_SILENT_NODES = "VolumeUpload.downloadsOfSilentNodes";
    public static final int URL_LENGTH = 2000;

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

    /** Where a download comes from; null for a chunked upload. */
    @Column(length = URL_LENGTH)
    private String url;

    /** A download that a server stop cut short (with a default, for databases that have uploads already). */
    @Column(nullable = false, columnDefinition = "boolean default false")
    private boolean interrupted;

    @Column(nullable = false)
    private Instant created;

    @Column(nullable = false)
    private Instant updated;

    /** The server node filling the volume from {@link #url} (null: an upload, or older than several servers). */
    @Column(length = 255)
    private String node;

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

    /** A volume being filled from {@code url} by server node {@code node}. */
    public static VolumeUpload download(String pool, String volume, String url, long totalBytes, Instant now, String node) {
        VolumeUpload download = new VolumeUpload(pool, volume, totalBytes, now);
        download.node = node;
        download.url = url.length() <= URL_LENGTH ? url : url.substring(0, URL_LENGTH - 1) + "…";
        return download;
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

    /** Where a download comes from; null for a chunked upload. */
    public String getUrl() {
        return url;
    }

    public boolean isDownload() {
        return url != null;
    }

    public boolean isInterrupted() {
        return interrupted;
    }

    /** Marks a download that a server stop cut short: no one will finish it. */
    public void interrupt(Instant now) {
        interrupted = true;
        updated = now;
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
