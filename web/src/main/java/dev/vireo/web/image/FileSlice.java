package dev.vireo.web.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The bytes {@code [first, end)} of a file, read-only, as a channel whose position starts at
 * {@code first} and whose size is {@code end}: Undertow's {@code transferFrom(FileChannel)} sends
 * a channel from its position to its size, and so sends exactly this range, by the file's
 * {@link FileChannel#transferTo} (sendfile) to the socket.
 */
final class FileSlice extends FileChannel {

    private final FileChannel file;
    private final long end;
    private long position;

    FileSlice(FileChannel file, long first, long end) {
        this.file = file;
        this.position = first;
        this.end = end;
    }

    @Override
    public long size() {
        return end;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public FileChannel position(long newPosition) {
        position = newPosition;
        return this;
    }

    /** Fails on a file shorter than the range: a transfer of nothing would be retried for ever. */
    @Override
    public long transferTo(long from, long count, WritableByteChannel target) throws IOException {
        if (from >= end) {
            return 0;
        }
        long sent = file.transferTo(from, Math.min(count, end - from), target);
        if (sent == 0 && file.size() <= from) {
            throw new IOException("the file ended at " + file.size() + " of " + end + " bytes");
        }
        return sent;
    }

    @Override
    public int read(ByteBuffer dst, long from) throws IOException {
        if (from >= end) {
            return -1;
        }
        if (dst.remaining() <= end - from) {
            return file.read(dst, from);
        }
        ByteBuffer bounded = dst.slice().limit((int) (end - from));
        int read = file.read(bounded, from);
        if (read > 0) {
            dst.position(dst.position() + read);
        }
        return read;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int read = read(dst, position);
        if (read > 0) {
            position += read;
        }
        return read;
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        long total = 0;
        for (int i = offset; i < offset + length; i++) {
            int read = read(dsts[i]);
            if (read < 0) {
                return total == 0 ? -1 : total;
            }
            total += read;
            if (dsts[i].hasRemaining()) {
                break;
            }
        }
        return total;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
        throw new NonWritableChannelException();
    }

    @Override
    public int write(ByteBuffer src, long at) {
        throw new NonWritableChannelException();
    }

    @Override
    public FileChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long at, long count) {
        throw new NonWritableChannelException();
    }

    @Override
    public void force(boolean metaData) {
        // read-only: nothing to write out
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long at, long size) {
        throw new UnsupportedOperationException("a slice of a file is sent, not mapped");
    }

    @Override
    public FileLock lock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("a slice of a file is sent, not locked");
    }

    @Override
    public FileLock tryLock(long at, long size, boolean shared) {
        throw new UnsupportedOperationException("a slice of a file is sent, not locked");
    }

    @Override
    protected void implCloseChannel() throws IOException {
        file.close();
    }
}
