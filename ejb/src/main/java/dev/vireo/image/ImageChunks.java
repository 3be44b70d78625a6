package dev.vireo.image;

import dev.vireo.audit.AuditLog;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.persistence.image.Image;
import dev.vireo.persistence.image.ImageState;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.ReadableByteChannel;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;

/**
 * Writes one chunk of an upload while holding the image's row, so that chunks sent at once go
 * one after the other and a chunk counts only once all its bytes are written. The last chunk
 * makes the image ready, or, when the content's SHA-256 is not the one declared, discards it.
 * The audit log has an upload when it begins and when it completes, in the chunk's transaction;
 * the chunks between are in the image's {@code uploaded} (refusals are the interceptor's).
 */
@Stateless
public class ImageChunks {

    /** What became of the upload after a chunk, and the image as that chunk left it. */
    public record Outcome(String checksum, boolean mismatch, Image image) {
    }

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    ImageStore store;

    @EJB
    ImageDigests digests;

    @EJB
    AuditLog audit;

    private final Clock clock = Clock.systemUTC();

    public Outcome append(String id, ChunkRange chunk, ReadableByteChannel data) {
        Image image = em.createNamedQuery(Image.BY_PUBLIC_ID, Image.class).setParameter("id", id)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream().findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.IMAGE_NOT_FOUND, id));
        if (image.getState() == ImageState.READY) {
            throw new VireoException(ErrorCode.IMAGE_READY, id);
        }
        if (image.getState() == ImageState.CAPTURING) {
            throw new VireoException(ErrorCode.IMAGE_NOT_READY, id, "captured from a virtual machine by a task");
        }
        if (image.getState() == ImageState.EMPTY || chunk.first() == 0) {
            if (chunk.first() != 0) {
                throw new VireoException(ErrorCode.IMAGE_UPLOAD_OFFSET, id, 0, chunk.first());
            }
            image.expect(chunk.total(), clock.instant());
            digests.forget(image.getVolume());
            digests.keep(image.getVolume(), 0, new ImageDigests.Upload(Sha256.newDigest(),
                    store.prepare(image.getVolume(), chunk.total())));
            if (!chunk.isLast()) {
                audit.record(ImageService.UPLOAD, id, AuditLog.OK, "begun: " + chunk.total() + " bytes in all");
            }
        } else if (chunk.total() != image.getSize()) {
            throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, id, "the upload under way has " + image.getSize()
                    + " bytes in all, not " + chunk.total() + " (start again from byte 0 to change that)");
        }
        if (chunk.first() != image.getWritten()) {
            throw new VireoException(ErrorCode.IMAGE_UPLOAD_OFFSET, id, image.getWritten(), chunk.first());
        }
        ImageDigests.Upload upload = digests.resume(image.getVolume(), image.getWritten())
                .orElseGet(() -> new ImageDigests.Upload(rehash(image.getVolume(), image.getWritten()),
                        store.file(image.getVolume())));
        MessageDigest digest = upload.digest();
        store.write(id, image.getVolume(), upload.file(), chunk.first(), chunk.length(), data, digest);
        image.advance(chunk.length(), clock.instant());
        if (image.getWritten() < image.getSize()) {
            digests.keep(image.getVolume(), image.getWritten(), upload);
            return new Outcome(null, false, image);
        }
        digests.forget(image.getVolume());
        if (store.volume(image.getVolume()).isEmpty()) {
            // the chunks went to the volume's file without asking libvirt: the volume must still be there
            throw new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE, store.name(), "it lost the volume "
                    + image.getVolume() + " of image " + id);
        }
        String checksum = HexFormat.of().formatHex(digest.digest());
        if (image.getExpectedChecksum() != null && !image.getExpectedChecksum().equals(checksum)) {
            image.discard(clock.instant());
            return new Outcome(checksum, true, image);
        }
        image.ready(image.getSize(), checksum, clock.instant());
        audit.record(ImageService.UPLOAD, id, AuditLog.OK, "complete: " + image.getSize() + " bytes, SHA-256 " + checksum);
        store.refresh();
        return new Outcome(checksum, false, image);
    }

    /** The digest of a volume's first {@code length} bytes, read back from the store. */
    private MessageDigest rehash(String volume, long length) {
        MessageDigest digest = Sha256.newDigest();
        if (length == 0) {
            return digest;
        }
        try (ImageReader reader = store.read(volume, 0, length);
             OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            reader.copyTo(sink);
            return digest;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read back the first " + length + " bytes of " + volume, e);
        }
    }
}
