package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;

/** The rule for one chunk of a volume upload: it goes where the last one ended and fits in what is left. */
final class Chunks {

    /**
     * The largest chunk: WildFly refuses request bodies over 10 MB (Undertow's max-post-size), so
     * a chunk and its multipart envelope stay below that.
     */
    static final long MAX_BYTES = 8L << 20;

    private Chunks() {
    }

    /**
     * The chunk size declared for a chunk that would be written at {@code written} of
     * {@code total} bytes; 400 when it is missing, not positive, or past the end; 413 over
     * {@link #MAX_BYTES}.
     */
    static long require(String volume, Long chunkSize, long written, long total) {
        if (chunkSize == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "chunk_size");
        }
        if (chunkSize < 1) {
            throw new VireoException(ErrorCode.CHUNK_INVALID, volume, "chunk_size is a number of bytes, at least 1, not "
                    + chunkSize);
        }
        if (chunkSize > MAX_BYTES) {
            throw new VireoException(ErrorCode.CHUNK_TOO_LARGE, chunkSize, MAX_BYTES);
        }
        if (chunkSize > total - written) {
            throw new VireoException(ErrorCode.CHUNK_INVALID, volume, "a chunk of " + chunkSize + " bytes at offset "
                    + written + " would pass the volume's end at " + total + " bytes");
        }
        return chunkSize;
    }
}
