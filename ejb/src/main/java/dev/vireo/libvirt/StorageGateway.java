package dev.vireo.libvirt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** A host's storage pools and their volumes. */
public final class StorageGateway extends BoundGateway {

    StorageGateway(HostConnections connections, HostRef host) {
        super(connections, host);
    }

    /** The host's storage pools, active or not. */
    public List<PoolSummary> pools() {
        return call(PoolOperations::pools);
    }

    /** One storage pool; empty when there is no such pool. */
    public Optional<PoolSummary> pool(String name) {
        return call(connect -> PoolOperations.pool(connect, name));
    }

    /**
     * Defines a pool (with a secret for its CHAP password, if any) and builds what it needs; when
     * {@code start}, starts it and marks it to start with the host. Nothing is left on failure.
     */
    public PoolSummary definePool(PoolSpec spec, String chapPassword, boolean start) {
        return call(connect -> PoolOperations.definePool(connect, spec, chapPassword, start));
    }

    /** A pool's definition as another host can take it ({@link CellCopyOperations}); empty when there is no such pool. */
    public Optional<String> portablePool(String name) {
        return call(connect -> CellCopyOperations.poolDefinition(connect, name));
    }

    /** Defines, builds, starts and autostarts a pool from another host's portable definition. */
    public PoolSummary definePortablePool(String xml) {
        return call(connect -> CellCopyOperations.definePool(connect, xml));
    }

    /** Lists more physical volumes in a logical pool's definition; empty when there is no such pool. */
    public Optional<PoolSummary> addPoolDevices(String name, List<String> devices) {
        return call(connect -> PoolOperations.addDevices(connect, name, devices));
    }

    /** The NFS exports or iSCSI targets ({@code type} netfs or iscsi) libvirt discovers on a server. */
    public List<StorageTarget> findTargets(String type, String server, Integer port) {
        return call(connect -> PoolOperations.findTargets(connect, type, server, port));
    }

    public Optional<PoolSummary> activatePool(String name) {
        return changePool(name, PoolOperations.PoolChange.ACTIVATE);
    }

    public Optional<PoolSummary> deactivatePool(String name) {
        return changePool(name, PoolOperations.PoolChange.DEACTIVATE);
    }

    public Optional<PoolSummary> setPoolAutostart(String name, boolean autostart) {
        return changePool(name, autostart ? PoolOperations.PoolChange.AUTOSTART : PoolOperations.PoolChange.NO_AUTOSTART);
    }

    /** Lets a pool look at its volumes again (format, size); empty when there is no such pool. */
    public Optional<PoolSummary> refreshPool(String name) {
        return changePool(name, PoolOperations.PoolChange.REFRESH);
    }

    private Optional<PoolSummary> changePool(String name, PoolOperations.PoolChange change) {
        return call(connect -> PoolOperations.change(connect, name, change));
    }

    /** Stops and undefines a pool, keeping its data; false when there was no such pool. */
    public boolean removePool(String name) {
        return call(connect -> PoolOperations.remove(connect, name));
    }

    /** The volumes of a pool (none while it is inactive); empty when there is no such pool. */
    public Optional<List<VolumeSummary>> volumes(String pool) {
        return call(connect -> VolumeOperations.volumes(connect, pool));
    }

    /** The volume {@code name} of pool {@code pool}, if both exist. */
    public Optional<VolumeSummary> volume(String pool, String name) {
        return call(connect -> VolumeOperations.volume(connect, pool, name));
    }

    /** The volume at {@code path} on the host, if a pool holds one there. */
    public Optional<VolumeSummary> volumeAt(String path) {
        return call(connect -> VolumeOperations.volumeAt(connect, path));
    }

    public VolumeSummary createVolume(String pool, VolumeSpec spec) {
        return call(connect -> VolumeOperations.create(connect, pool, spec));
    }

    /** Copies a volume into a pool under a new name. */
    public VolumeSummary copyVolume(VolumeSummary source, String targetPool, String newName) {
        return call(connect -> VolumeOperations.copy(connect, source, targetPool, newName));
    }

    /** Gives a volume a new virtual size; empty when the pool or the volume does not exist. */
    public Optional<VolumeSummary> resizeVolume(String pool, String name, long bytes) {
        return call(connect -> VolumeOperations.change(connect, pool, name, VolumeOperations.VolumeChange.RESIZE, bytes));
    }

    /** Overwrites a volume's data with zeros; empty when the pool or the volume does not exist. */
    public Optional<VolumeSummary> wipeVolume(String pool, String name) {
        return call(connect -> VolumeOperations.change(connect, pool, name, VolumeOperations.VolumeChange.WIPE, 0));
    }

    /** Deletes a volume; false when it was not there. */
    public boolean deleteVolume(String pool, String name) {
        return call(connect -> VolumeOperations.delete(connect, pool, name));
    }

    /** The ISO images in the host's active pools. */
    public List<VolumeSummary> isoVolumes() {
        return call(VolumeOperations::isoVolumes);
    }

    /** The ISO 9660 label of the image at {@code path}, when libvirt can stream it and it has one. */
    public Optional<String> isoLabel(String path) {
        return isoImage(path).map(IsoImage::label);
    }

    /** What the image at {@code path} says of itself as an ISO 9660 image; empty when libvirt cannot stream it. */
    public Optional<IsoImage> isoImage(String path) {
        return call(connect -> VolumeStreams.isoImage(connect, path));
    }

    /**
     * Writes exactly {@code length} bytes of {@code source} into a volume from {@code offset}
     * (virStorageVolUpload), in fixed-size buffers.
     *
     * @return false when there is no such pool or volume
     * @throws IOException when {@code source} fails or ends early
     */
    public boolean uploadVolume(String pool, String name, long offset, long length, InputStream source)
            throws IOException {
        try {
            return call(connect -> VolumeStreams.upload(connect, pool, name, offset, length, source));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Copies a volume's first {@code length} bytes into the volume of the same pool and name that
     * host {@code destination} already has (libvirt's volume streams, never the whole content in
     * memory); false when either host lacks the pool or the volume.
     */
    public boolean copyVolumeTo(String pool, String name, HostRef destination, long length,
                                java.util.function.LongConsumer copied) {
        return connections.copyVolume(host, pool, name, destination, length, copied);
    }

    /**
     * Copies a volume's first {@code length} bytes into volume {@code toPool}/{@code toName}, which
     * host {@code destination} already has (libvirt's volume streams); false when either is missing.
     */
    public boolean copyVolumeTo(String pool, String name, HostRef destination, String toPool, String toName, long length) {
        return connections.copyVolume(host, pool, name, destination, toPool, toName, length, copied -> { });
    }

    /** The path of the volume's backing volume when it is a thin overlay; empty for none; empty outer when there is no such volume. */
    public Optional<Optional<String>> backingPath(String pool, String name) {
        return call(connect -> VolumeOperations.backingPath(connect, pool, name));
    }

    /**
     * Starts reading a volume's first {@code length} bytes (virStorageVolDownload); the caller
     * copies and closes the reader. Empty when there is no such pool or volume.
     */
    public Optional<VolumeReader> readVolume(String pool, String name, long length) {
        return readVolume(pool, name, 0, length);
    }

    /** Starts reading {@code length} bytes of a volume from {@code offset} (a range of its content). */
    public Optional<VolumeReader> readVolume(String pool, String name, long offset, long length) {
        return call(connect -> VolumeStreams.open(connect, host.uri(), pool, name, offset, length));
    }
}
