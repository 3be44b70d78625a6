package dev.vireo.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSpec;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where images keep their bytes: the volumes of one storage pool of the default host
 * ({@code vireo.images.pool}, a dir pool on {@code vireo.images.directory}, made when missing).
 * When the default host is this machine and the volume's file is one this server may write, the
 * bytes go straight to and from the file (as fast as a copy); otherwise through libvirt's volume
 * streams. Either way a chunk passes once, in fixed buffers, and is hashed on its way.
 */
@Stateless
public class ImageStore {

    static final int BUFFER = 1 << 20;
    static final String DEFAULT_POOL = "vireo-images";
    private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());

    @EJB
    HostConnections hosts;

    @Resource(lookup = "java:jboss/ee/concurrency/executor/vireo-digests")
    ManagedExecutorService digesting;

    @Inject
    @ConfigProperty(name = "vireo.images.pool", defaultValue = DEFAULT_POOL)
    String poolName;

    @Inject
    @ConfigProperty(name = "vireo.images.directory")
    Optional<String> configuredDirectory;

    /** The store's pool's name, as configured (without asking libvirt). */
    public String name() {
        return poolName;
    }

    /** The store's pool, made (a dir pool, started and started with the host) when the host lacks it. */
    public String pool() {
        HostGateways host = hosts.local();
        try {
            Optional<PoolSummary> pool = host.storage().pool(poolName);
            if (pool.isEmpty()) {
                Path directory = directory();
                Files.createDirectories(directory);
                host.storage().definePool(PoolSpec.dir(poolName, directory.toString()), null, true);
                LOG.info(() -> "Created the image store, storage pool " + poolName + " on " + directory);
            } else if (!pool.get().active()) {
                if (host.ref().isLocalMachine()) {
                    // its directory may have gone with the server's data directory (a new server): made again
                    Files.createDirectories(Path.of(pool.get().path() != null ? pool.get().path() : directory().toString()));
                }
                host.storage().activatePool(poolName);
            }
            return poolName;
        } catch (IOException | RuntimeException e) {
            if (e instanceof VireoException vireo && vireo.status() != 500) {
                throw vireo;
            }
            throw new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE, e, poolName, e.getMessage());
        }
    }

    /** The pool's directory when Vireo makes it: configured, else {@code images} in the server's data directory. */
    private Path directory() {
        return Path.of(configuredDirectory.orElseGet(() -> Path.of(System.getProperty("jboss.server.data.dir",
                System.getProperty("java.io.tmpdir")), "images").toString()));
    }

    public Optional<VolumeSummary> volume(String volume) {
        return hosts.local().storage().volume(pool(), volume);
    }

    /** The name of the store's volume at {@code path}, if it is one of the store's. */
    public Optional<String> imageVolumeAt(String path) {
        return hosts.local().storage().volumeAt(path).filter(volume -> poolName.equals(volume.pool()))
                .map(VolumeSummary::name);
    }

    /**
     * A volume for {@code size} bytes, empty; one left by an earlier attempt is replaced. Its file,
     * when this server writes it directly.
     */
    public Optional<Path> prepare(String volume, long size) {
        String pool = pool();
        HostGateways host = hosts.local();
        host.storage().deleteVolume(pool, volume);
        VolumeSummary made = host.storage().createVolume(pool, new VolumeSpec(volume, size, "raw", null, null));
        Optional<Path> file = localFile(made);
        file.ifPresent(path -> {
            try {
                FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING).close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return file;
    }

    /**
     * Writes exactly {@code length} bytes of {@code data} at {@code offset}, adding them to
     * {@code digest}; refuses (400) data that is shorter or longer.
     *
     * @param file the volume's file ({@link #prepare}, {@link #file}) when this server writes it
     *             directly; else the bytes go through libvirt's volume stream
     */
    public void write(String image, String volume, Optional<Path> file, long offset, long length,
                      ReadableByteChannel data, MessageDigest digest) {
        try {
            if (file.isPresent()) {
                writeFile(file.get(), offset, length, data, digest);
            } else {
                DigestInputStream hashed = new DigestInputStream(Channels.newInputStream(data), digest);
                if (!hosts.local().storage().uploadVolume(poolName, volume, offset, length, hashed)) {
                    throw new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE, poolName, "it lost the volume " + volume);
                }
            }
            if (data.read(ByteBuffer.allocate(1)) >= 0) {
                throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, image, "the body has more than the "
                        + length + " bytes its Content-Range announces");
            }
        } catch (EOFException e) {
            throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, e, image, "the body ended before the " + length
                    + " bytes its Content-Range announces");
        } catch (NoSuchFileException e) {
            throw new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE, e, poolName, "it lost the volume " + volume
                    + " of image " + image);
        } catch (IOException e) {
            throw new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, e, image, "the body could not be read: " + e.getMessage());
        }
    }

    /**
     * Fills a buffer from the body, writes it, and hashes it on another thread while the next
     * buffer fills: SHA-256 alone takes longer than reading and writing the bytes. Two buffers
     * take turns; one is filled again only once its hash is done, so the digest takes exactly the
     * bytes written, in their order. The buffers are direct ({@link DirectBuffers}): the body's
     * channel reads into them and the file's channel writes from them with no copy in between.
     */
    private void writeFile(Path file, long offset, long length, ReadableByteChannel data, MessageDigest digest)
            throws IOException {
        ByteBuffer[] buffers = {DirectBuffers.take(), DirectBuffers.take()};
        Future<?> hashing = CompletableFuture.completedFuture(null);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long position = offset;
            long left = length;
            for (int turn = 0; left > 0; turn ^= 1) {
                ByteBuffer buffer = buffers[turn];
                buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                while (buffer.hasRemaining()) {
                    if (data.read(buffer) < 0) {
                        throw new EOFException("the data ended after " + (length - left + buffer.position()) + " of "
                                + length + " bytes");
                    }
                }
                buffer.flip();
                int read = buffer.remaining();
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                buffer.rewind();
                await(hashing);
                // a direct buffer reaches the digest 4 KiB at a time through its array method: called often
                // enough for the JIT's top tier, whose compiled code alone uses the CPU's SHA instructions
                hashing = digesting.submit(() -> digest.update(buffer));
                left -= read;
            }
        } finally {
            await(hashing);
            DirectBuffers.give(buffers);
        }
    }

    private static void await(Future<?> hashing) throws IOException {
        try {
            hashing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the upload");
        } catch (ExecutionException e) {
            throw new IllegalStateException("SHA-256 of an upload failed", e.getCause());
        }
    }

    /** Starts reading {@code length} bytes of a volume from {@code offset}; the caller copies and closes. */
    public ImageReader read(String volume, long offset, long length) {
        VolumeSummary source = volume(volume).orElseThrow(() -> new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE,
                poolName, "it lost the volume " + volume));
        Optional<Path> file = localFile(source);
        if (file.isPresent()) {
            return ImageReader.ofFile(file.get(), offset, length);
        }
        return ImageReader.ofVolume(hosts.local().storage().readVolume(poolName, volume, offset, length)
                .orElseThrow(() -> new VireoException(ErrorCode.IMAGE_STORE_UNAVAILABLE, poolName,
                        "it lost the volume " + volume)), offset);
    }

    /** Lets libvirt look at a volume's complete content (its format and size). */
    public void refresh() {
        hosts.local().storage().refreshPool(pool());
    }

    /** Removes a volume and, where libvirt leaves it (the test driver), its file. */
    public void delete(String volume) {
        VolumeFiles.delete(hosts.local(), pool(), volume);
    }

    /** The file of a store volume, when this server reads and writes it directly. */
    public Optional<Path> file(String volume) {
        return volume(volume).flatMap(this::localFile);
    }

    private Optional<Path> localFile(VolumeSummary volume) {
        return VolumeFiles.of(hosts.local().ref(), volume);
    }
}
