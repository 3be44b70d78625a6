package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.storage.VolumeUpload;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The bookkeeping of chunked uploads: which volumes await bytes, and how many arrived. */
@Stateless
public class VolumeUploads {

    /** Writes {@code bytes} at {@code offset} of the volume, or fails without counting them. */
    @FunctionalInterface
    interface ChunkWriter {
        void write(long offset);
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

    public Optional<UploadProgress> find(String pool, String volume) {
        return entity(pool, volume, LockModeType.NONE).map(VolumeUploads::progress);
    }

    /** The uploads under way in a pool, by volume name. */
    public Map<String, UploadProgress> inPool(String pool) {
        return em.createNamedQuery(VolumeUpload.OF_POOL, VolumeUpload.class).setParameter("pool", pool)
                .getResultStream().collect(Collectors.toMap(VolumeUpload::getVolume, VolumeUploads::progress));
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

    private Optional<VolumeUpload> entity(String pool, String volume, LockModeType lock) {
        return em.createNamedQuery(VolumeUpload.OF_VOLUME, VolumeUpload.class)
                .setParameter("pool", pool).setParameter("volume", volume)
                .setLockMode(lock).getResultStream().findFirst();
    }

    private static UploadProgress progress(VolumeUpload upload) {
        return new UploadProgress(upload.getWrittenBytes(), upload.getTotalBytes());
    }
}
