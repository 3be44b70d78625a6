package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.node.LocalNode;
import dev.vireo.persistence.storage.VolumeUpload;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The bookkeeping of volumes being filled, by chunked uploads or downloads from a URL: which
 * volumes are incomplete, and how many bytes of an upload arrived. A volume is complete when it
 * has no record here.
 */
@Stateless
public class VolumeUploads {

    /** Writes {@code bytes} at {@code offset} of the volume, or fails without counting them. */
    @FunctionalInterface
    interface ChunkWriter {
        void write(long offset);
    }

    /** A volume still being filled: how, and for an upload how far it got. */
    public record Filling(VolumeState state, UploadProgress upload, String url) {
    }

    /** A volume of a pool. */
    public record Volume(String pool, String name) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    private final Clock clock = Clock.systemUTC();

    /** Starts awaiting {@code size} bytes for a volume, forgetting any earlier upload of one of that name. */
    public void begin(String pool, String volume, long size) {
        forget(pool, volume);
        em.flush();
        em.persist(new VolumeUpload(pool, volume, size, Instant.now(clock)));
    }

    /**
     * Marks a volume as being filled from {@code url} until {@link #forget}: committed before the
     * volume exists, so that a crash at any point leaves it marked.
     */
    public void beginDownload(String pool, String volume, String url, long size) {
        forget(pool, volume);
        em.flush();
        em.persist(VolumeUpload.download(pool, volume, url, size, Instant.now(clock), LocalNode.name()));
    }

    /** The chunked upload awaiting bytes for a volume, if any (downloads are not uploads). */
    public Optional<UploadProgress> find(String pool, String volume) {
        return entity(pool, volume, LockModeType.NONE).filter(upload -> !upload.isDownload()).map(VolumeUploads::progress);
    }

    /** The volumes of a pool still being filled, by name. */
    public Map<String, Filling> inPool(String pool) {
        return em.createNamedQuery(VolumeUpload.OF_POOL, VolumeUpload.class).setParameter("pool", pool)
                .getResultStream().collect(Collectors.toMap(VolumeUpload::getVolume, VolumeUploads::filling));
    }

    public Optional<Filling> filling(String pool, String volume) {
        return entity(pool, volume, LockModeType.NONE).map(VolumeUploads::filling);
    }

    /** Refuses (409) a volume whose content is not complete: it cannot be read, copied, changed or attached yet. */
    public void requireComplete(String pool, String volume) {
        entity(pool, volume, LockModeType.NONE).ifPresent(upload -> {
            if (!upload.isDownload()) {
                throw new VireoException(ErrorCode.VOLUME_UPLOADING, volume, upload.getWrittenBytes(), upload.getTotalBytes());
            }
            throw new VireoException(upload.isInterrupted() ? ErrorCode.VOLUME_DOWNLOAD_INTERRUPTED
                    : ErrorCode.VOLUME_DOWNLOADING, volume, pool, upload.getUrl());
        });
    }

    /**
     * Writes the next chunk of {@code size} bytes through {@code writer} while holding the upload's
     * row, so that chunks sent at once go one after the other; counts it once written. The upload
     * ends (its record goes) with its last byte.
     *
     * @return the upload's progress after the chunk
     */
    public UploadProgress append(String pool, String volume, long size, ChunkWriter writer) {
        VolumeUpload upload = entity(pool, volume, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> !found.isDownload())
                .orElseThrow(() -> new VireoException(ErrorCode.UPLOAD_NOT_EXPECTED, volume, pool));
        Chunks.require(volume, size, upload.getWrittenBytes(), upload.getTotalBytes());
        writer.write(upload.getWrittenBytes());
        upload.advance(size, Instant.now(clock));
        UploadProgress after = progress(upload);
        if (upload.isComplete()) {
            em.remove(upload);
        }
        return after;
    }

    public void forget(String pool, String volume) {
        entity(pool, volume, LockModeType.NONE).ifPresent(em::remove);
    }

    /**
     * Marks the downloads of server node {@code node} (and those older than several servers) as
     * interrupted; called once at its start-up, when none of its own can be running.
     *
     * @return the volumes those downloads were filling
     */
    public List<Volume> interruptDownloads(String node) {
        return interrupt(em.createNamedQuery(VolumeUpload.DOWNLOADS_ON, VolumeUpload.class).setParameter("node", node));
    }

    /** Marks the downloads of the server nodes silent since {@code before} as interrupted: they ended with their node. */
    public List<Volume> interruptDownloadsOfSilentNodes(Instant before) {
        return interrupt(em.createNamedQuery(VolumeUpload.DOWNLOADS_OF_SILENT_NODES, VolumeUpload.class)
                .setParameter("before", before));
    }

    private List<Volume> interrupt(TypedQuery<VolumeUpload> downloads) {
        Instant now = Instant.now(clock);
        return downloads.getResultStream()
                .peek(download -> download.interrupt(now))
                .map(download -> new Volume(download.getPool(), download.getVolume()))
                .toList();
    }

    private Optional<VolumeUpload> entity(String pool, String volume, LockModeType lock) {
        return em.createNamedQuery(VolumeUpload.OF_VOLUME, VolumeUpload.class)
                .setParameter("pool", pool).setParameter("volume", volume)
                .setLockMode(lock).getResultStream().findFirst();
    }

    private static UploadProgress progress(VolumeUpload upload) {
        return new UploadProgress(upload.getWrittenBytes(), upload.getTotalBytes());
    }

    private static Filling filling(VolumeUpload upload) {
        if (!upload.isDownload()) {
            return new Filling(VolumeState.UPLOADING, progress(upload), null);
        }
        return new Filling(upload.isInterrupted() ? VolumeState.INTERRUPTED : VolumeState.DOWNLOADING, null, upload.getUrl());
    }
}
