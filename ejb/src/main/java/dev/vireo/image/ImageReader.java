package dev.vireo.image;

import dev.vireo.libvirt.VolumeReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A range of an image's content on its way out, from the store's file or through libvirt's
 * volume stream, copied in buffers of a fixed size. Always closed by whoever copies.
 */
public abstract sealed class ImageReader implements AutoCloseable {

    private final long offset;
    private final long length;

    ImageReader(long offset, long length) {
        this.offset = offset;
        this.length = length;
    }

    /** Where in the content the copy starts. */
    public long offset() {
        return offset;
    }

    /** How many bytes {@link #copyTo} writes. */
    public long length() {
        return length;
    }

    /**
     * The file the range is read from, when the store reads it directly: a caller may send the
     * range from it by zero-copy instead of {@link #copyTo}.
     */
    public Optional<Path> file() {
        return Optional.empty();
    }

    /** Writes the range to {@code out}; an IOException when either side fails or the content is shorter. */
    public abstract void copyTo(OutputStream out) throws IOException;

    @Override
    public abstract void close();

    static ImageReader ofFile(Path file, long offset, long length) {
        return new FileReader(file, offset, length);
    }

    static ImageReader ofVolume(VolumeReader volume, long offset) {
        return new StreamReader(volume, offset);
    }

    private static final class FileReader extends ImageReader {
        private final Path file;

        FileReader(Path file, long offset, long length) {
            super(offset, length);
            this.file = file;
        }

        @Override
        public Optional<Path> file() {
            return Optional.of(file);
        }

        /** Whole buffers straight to {@code out}: a channel over a stream would cut them into 8 KiB writes. */
        @Override
        public void copyTo(OutputStream out) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                byte[] bytes = new byte[(int) Math.max(1, Math.min(ImageStore.BUFFER, length()))];
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long position = offset();
                long end = offset() + length();
                while (position < end) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                    while (buffer.hasRemaining()) {
                        int read = channel.read(buffer, position + buffer.position());
                        if (read < 0) {
                            throw new IOException("the file " + file + " ended at " + (position + buffer.position())
                                    + " of " + end + " bytes");
                        }
                    }
                    out.write(bytes, 0, buffer.position());
                    position += buffer.position();
                }
            }
        }

        @Override
        public void close() {
            // the file is opened and closed by copyTo
        }
    }

    private static final class StreamReader extends ImageReader {
        private final VolumeReader volume;

        StreamReader(VolumeReader volume, long offset) {
            super(offset, volume.length());
            this.volume = volume;
        }

        @Override
        public void copyTo(OutputStream out) throws IOException {
            volume.copyTo(out);
        }

        @Override
        public void close() {
            volume.close();
        }
    }
}
