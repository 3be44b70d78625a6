package dev.vireo.libvirt;

import java.io.IOException;
import java.io.OutputStream;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;

/**
 * A volume's content on its way out of libvirt (virStorageVolDownload), copied in buffers of a fixed
 * size. Opened by the gateway, so that a host that cannot stream volumes says so before any byte
 * is promised; always closed by whoever copies.
 */
public final class VolumeReader implements AutoCloseable {

    private final Stream stream;
    private final long length;
    private final String hostUri;
    private boolean finished;

    VolumeReader(Stream stream, long length, String hostUri) {
        this.stream = stream;
        this.length = length;
        this.hostUri = hostUri;
    }

    /** How many bytes {@link #copyTo} writes. */
    public long length() {
        return length;
    }

    /**
     * Writes the content to {@code out}.
     *
     * @throws IOException when {@code out} fails, or libvirt gives fewer or more bytes than promised
     */
    public void copyTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[VolumeStreams.BUFFER];
        long copied = 0;
        try {
            int received;
            while ((received = stream.receive(buffer)) > 0) {
                copied += received;
                if (copied > length) {
                    throw new IOException("libvirt sent more than the " + length + " bytes asked for");
                }
                out.write(buffer, 0, received);
            }
            if (copied < length) {
                throw new IOException("libvirt sent " + copied + " of " + length + " bytes");
            }
            stream.finish();
            finished = true;
        } catch (LibvirtException e) {
            throw new IOException(LibvirtErrors.translate(e, hostUri).getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!finished) {
            VolumeStreams.abortQuietly(stream);
        }
        try {
            stream.free();
        } catch (LibvirtException e) {
            // the stream is gone either way
        }
    }
}
