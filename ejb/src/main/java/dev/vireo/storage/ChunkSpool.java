package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A chunk parked in a temporary file, copied there in a fixed buffer, until its length is known to
 * be what {@code chunk_size} said: only then does any of it reach the volume.
 */
final class ChunkSpool implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path file;

    private ChunkSpool(Path file) {
        this.file = file;
    }

    /** Copies {@code data} aside; 400 when it holds fewer or more than {@code size} bytes or cannot be read. */
    static ChunkSpool copy(InputStream data, long size, String volume) {
        Path file;
        try {
            file = Files.createTempFile("vireo-chunk-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make a temporary file for a chunk", e);
        }
        ChunkSpool spool = new ChunkSpool(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            long copied = 0;
            int read;
            // ask for one byte more than announced, to notice a chunk that is too long
            while ((read = data.read(buffer, 0, (int) Math.min(buffer.length, size + 1 - copied))) > 0) {
                copied += read;
                if (copied > size) {
                    throw new VireoException(ErrorCode.CHUNK_INVALID, volume, "chunk_size says " + size
                            + " bytes but the chunk has more");
                }
                out.write(buffer, 0, read);
            }
            if (copied < size) {
                throw new VireoException(ErrorCode.CHUNK_INVALID, volume, "chunk_size says " + size
                        + " bytes but the chunk has " + copied);
            }
            return spool;
        } catch (IOException e) {
            spool.close();
            throw new VireoException(ErrorCode.CHUNK_INVALID, e, volume, "the chunk could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            spool.close();
            throw e;
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's cleaning removes it
        }
    }
}
