package dev.vireo.libvirt;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * A volume's content through libvirt's streams (virStorageVolUpload, virStorageVolDownload), in
 * buffers of a fixed size: the content is never held in memory.
 */
final class VolumeStreams {

    /** The most libvirt's RPC carries in one stream message (larger sends are refused). */
    static final int BUFFER = 256 * 1024;

    private VolumeStreams() {
    }

    /**
     * Writes exactly {@code length} bytes of {@code source} into the volume from {@code offset}.
     *
     * @return false when there is no such pool or volume
     * @throws UncheckedIOException when {@code source} fails or ends before {@code length} bytes
     */
    static boolean upload(Connect connect, String pool, String name, long offset, long length, InputStream source)
            throws LibvirtException {
        return Handles.volume(connect, pool, name, volume -> {
            write(connect, volume, offset, length, source);
            return true;
        }).orElse(false);
    }

    private static void write(Connect connect, StorageVol volume, long offset, long length, InputStream source)
            throws LibvirtException {
        Stream stream = connect.streamNew(0);
        boolean finished = false;
        try {
            volume.upload(stream, offset, length, 0);
            byte[] buffer = new byte[BUFFER];
            long left = length;
            while (left > 0) {
                int read = source.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new EOFException("the data ended after " + (length - left) + " of " + length + " bytes");
                }
                send(stream, read == buffer.length ? buffer : Arrays.copyOf(buffer, read));
                left -= read;
            }
            stream.finish();
            finished = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!finished) {
                abortQuietly(stream);
            }
            stream.free();
        }
    }

    /** Sends all of {@code data}; libvirt may take less than offered at a time. */
    private static void send(Stream stream, byte[] data) throws LibvirtException {
        int sent = 0;
        while (sent < data.length) {
            int taken = stream.send(sent == 0 ? data : Arrays.copyOfRange(data, sent, data.length));
            if (taken <= 0) {
                throw new IllegalStateException("libvirt took no data from the upload stream");
            }
            sent += taken;
        }
    }

    /**
     * Starts reading {@code length} bytes of a volume from {@code offset}; the caller copies them out and closes
     * the reader. Empty when there is no such pool or volume.
     */
    static Optional<VolumeReader> open(Connect connect, String hostUri, String pool, String name, long offset,
                                       long length) throws LibvirtException {
        return Handles.volume(connect, pool, name, volume -> {
            Stream stream = connect.streamNew(0);
            try {
                volume.download(stream, offset, length, 0);
            } catch (LibvirtException e) {
                stream.free();
                throw e;
            }
            return new VolumeReader(stream, length, hostUri);
        });
    }

    /**
     * The ISO 9660 descriptors of the image at {@code path}, read through libvirt; empty when no
     * pool holds it or libvirt cannot stream volumes (the test driver).
     */
    static Optional<IsoImage> isoImage(Connect connect, String path) throws LibvirtException {
        return Handles.volumeAt(connect, path, volume -> {
            Stream stream = connect.streamNew(0);
            try {
                volume.download(stream, IsoImage.DESCRIPTORS_OFFSET, IsoImage.DESCRIPTORS_LENGTH, 0);
                byte[] descriptors = new byte[IsoImage.DESCRIPTORS_LENGTH];
                byte[] chunk = new byte[IsoImage.DESCRIPTORS_LENGTH];
                int read = 0;
                int got;
                while (read < descriptors.length && (got = stream.receive(chunk)) > 0) {
                    int used = Math.min(got, descriptors.length - read);
                    System.arraycopy(chunk, 0, descriptors, read, used);
                    read += used;
                }
                stream.finish();
                return IsoImage.of(descriptors);
            } catch (LibvirtException e) {
                stream.abort();
                if (LibvirtErrors.isConnectionFailure(e)) {
                    throw e;
                }
                return null; // a driver that cannot stream volumes (the test driver)
            } finally {
                stream.free();
            }
        });
    }

    /**
     * Copies the first {@code length} bytes of a volume of one host into the volume of the same
     * pool and name of another host, buffer by buffer from libvirt's download stream into its
     * upload stream, telling {@code copied} how far it got.
     *
     * @return false when either host has no such pool or volume
     */
    static boolean copy(Connect from, Connect to, String pool, String name, long length, LongConsumer copied)
            throws LibvirtException {
        return copy(from, pool, name, to, pool, name, length, copied);
    }

    /**
     * {@link #copy(Connect, Connect, String, String, long, LongConsumer)} into a volume of another
     * pool and name ({@code toPool}/{@code toName}), which the other host already has.
     */
    static boolean copy(Connect from, String pool, String name, Connect to, String toPool, String toName, long length,
                        LongConsumer copied) throws LibvirtException {
        return Handles.volume(from, pool, name, source -> Handles.volume(to, toPool, toName, target -> {
            Stream in = from.streamNew(0);
            Stream out = to.streamNew(0);
            boolean finished = false;
            try {
                source.download(in, 0, length, 0);
                target.upload(out, 0, length, 0);
                byte[] buffer = new byte[BUFFER];
                long done = 0;
                int received;
                while ((received = in.receive(buffer)) > 0) {
                    send(out, received == buffer.length ? buffer : Arrays.copyOf(buffer, received));
                    done += received;
                    copied.accept(done);
                }
                if (done != length) {
                    throw new IllegalStateException("libvirt sent " + done + " of the " + length + " bytes of volume "
                            + name + " of pool " + pool);
                }
                in.finish();
                out.finish();
                finished = true;
                return true;
            } finally {
                if (!finished) {
                    abortQuietly(in);
                    abortQuietly(out);
                }
                in.free();
                out.free();
            }
        }).orElse(false)).orElse(false);
    }

    static void abortQuietly(Stream stream) {
        try {
            stream.abort();
        } catch (LibvirtException e) {
            // already failed or finished: nothing more to undo
        }
    }
}
