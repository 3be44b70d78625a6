package dev.vireo.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Secret;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.w3c.dom.Element;

/** Storage pools and volumes: listings, lookups, creation and deletion of volumes. */
final class StorageOperations {

    private StorageOperations() {
    }

    @FunctionalInterface
    interface PoolWork<T> {
        T apply(StoragePool pool) throws LibvirtException;
    }

    @FunctionalInterface
    interface VolumeWork<T> {
        T apply(StorageVol volume) throws LibvirtException;
    }

    static List<PoolSummary> pools(Connect connect) throws LibvirtException {
        List<String> names = new ArrayList<>(List.of(connect.listStoragePools()));
        names.addAll(List.of(connect.listDefinedStoragePools()));
        List<PoolSummary> pools = new ArrayList<>(names.size());
        for (String name : names) {
            withPool(connect, name, StorageOperations::summarize).ifPresent(pools::add);
        }
        return pools;
    }

    /** One pool; empty when there is no such pool. */
    static Optional<PoolSummary> pool(Connect connect, String name) throws LibvirtException {
        return withPool(connect, name, StorageOperations::summarize);
    }

    private static PoolSummary summarize(StoragePool pool) throws LibvirtException {
        Element root = Xml.parse(pool.getXMLDesc(0)).getDocumentElement();
        boolean active = pool.isActive() == 1;
        org.libvirt.StoragePoolInfo info = pool.getInfo();
        return new PoolSummary(pool.getName(), root.getAttribute("type"), active,
                Xml.text(root, "target", "path").orElse(null),
                active ? info.available : 0, active ? info.capacity : 0, active ? info.allocation : 0,
                active ? pool.numOfVolumes() : 0, pool.getAutostart(), pool.isPersistent() == 1,
                PoolXml.source(root));
    }

    /**
     * Defines a pool and builds what it needs (a directory, a mount point, a volume group from its
     * devices); when {@code start}, starts it and marks it to start with the host. A CHAP password
     * goes into a private libvirt secret first, which the pool references by UUID. On failure
     * nothing is left: neither the pool nor the secret.
     */
    static PoolSummary definePool(Connect connect, PoolSpec spec, String chapPassword, boolean start)
            throws LibvirtException {
        Secret secret = null;
        PoolSpec defined = spec;
        try {
            if (chapPassword != null) {
                secret = connect.secretDefineXML(PoolXml.chapSecret(spec.name()));
                secret.setValue(chapPassword.getBytes(StandardCharsets.UTF_8));
                defined = spec.withSecret(secret.getUUIDString());
            }
            StoragePool pool = connect.storagePoolDefineXML(PoolXml.write(defined), 0);
            try {
                try {
                    if (needsBuild(defined)) {
                        pool.build(0);
                    }
                    if (start) {
                        pool.create(0);
                        pool.setAutostart(1);
                    }
                } catch (LibvirtException e) {
                    pool.undefine(); // leave nothing half made
                    throw e;
                }
                return summarize(pool);
            } finally {
                pool.free();
            }
        } catch (LibvirtException | RuntimeException e) {
            if (secret != null) {
                secret.undefine();
            }
            throw e;
        } finally {
            if (secret != null) {
                secret.free();
            }
        }
    }

    /** dir and netfs pools need their directory, a logical pool made from devices its volume group. */
    private static boolean needsBuild(PoolSpec spec) {
        return switch (spec.type()) {
            case "dir", "netfs" -> true;
            case "logical" -> !spec.devices().isEmpty();
            default -> false;
        };
    }

    /**
     * Adds devices to the definition of a logical pool (after its volume group took them) and
     * refreshes it when active; empty when there is no such pool.
     */
    static Optional<PoolSummary> addDevices(Connect connect, String name, List<String> devices) throws LibvirtException {
        return withPool(connect, name, pool -> {
            String xml = PoolXml.addDevices(persistentXml(pool), devices);
            connect.storagePoolDefineXML(xml, 0).free();
            if (pool.isActive() == 1) {
                pool.refresh(0);
            }
            return summarize(pool);
        });
    }

    private static final int VIR_STORAGE_XML_INACTIVE = 1;

    /** The pool's persistent definition; its live one where the driver knows no other (the test driver). */
    private static String persistentXml(StoragePool pool) throws LibvirtException {
        try {
            return pool.getXMLDesc(VIR_STORAGE_XML_INACTIVE);
        } catch (LibvirtException e) {
            if (e.getError() != null && e.getError().getCode() == org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_ARG) {
                return pool.getXMLDesc(0);
            }
            throw e;
        }
    }

    /** What libvirt finds of pools of {@code type} (netfs, iscsi) on {@code host}. */
    static List<StorageTarget> findTargets(Connect connect, String type, String host, Integer port)
            throws LibvirtException {
        return PoolSourcesXml.targets(type, connect.findStoragePoolSources(type, PoolSourcesXml.query(type, host, port), 0));
    }

    /** What can be done to a pool without removing it. */
    enum PoolChange { ACTIVATE, DEACTIVATE, AUTOSTART, NO_AUTOSTART, REFRESH }

    /** Changes a pool and reads it back; empty when there is no such pool. */
    static Optional<PoolSummary> change(Connect connect, String name, PoolChange change) throws LibvirtException {
        return withPool(connect, name, pool -> {
            switch (change) {
                case ACTIVATE -> pool.create(0);
                case DEACTIVATE -> pool.destroy();
                case AUTOSTART -> pool.setAutostart(1);
                case NO_AUTOSTART -> pool.setAutostart(0);
                case REFRESH -> pool.refresh(0);
            }
            return summarize(pool);
        });
    }

    /**
     * Stops and undefines a pool; its directory and volumes stay. The secret Vireo defined for its
     * CHAP password goes with it. False when there was no such pool.
     */
    static boolean remove(Connect connect, String name) throws LibvirtException {
        return withPool(connect, name, pool -> {
            String secretUuid = PoolXml.source(persistentXml(pool)).secretUuid();
            if (pool.isActive() == 1) {
                pool.destroy();
            }
            pool.undefine();
            if (secretUuid != null) {
                removeOwnSecret(connect, secretUuid);
            }
            return true;
        }).orElse(false);
    }

    private static void removeOwnSecret(Connect connect, String uuid) throws LibvirtException {
        Secret secret;
        try {
            secret = connect.secretLookupByUUIDString(uuid);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return;
            }
            throw e;
        }
        try {
            String usage = secret.getUsageID();
            if (usage != null && usage.startsWith(PoolXml.SECRET_USAGE_PREFIX)) {
                secret.undefine();
            }
        } finally {
            secret.free();
        }
    }

    /** The volumes of a pool; empty when there is no such pool. */
    static Optional<List<VolumeSummary>> volumes(Connect connect, String poolName) throws LibvirtException {
        return withPool(connect, poolName, pool -> {
            List<VolumeSummary> volumes = new ArrayList<>();
            if (pool.isActive() == 1) {
                for (String name : pool.listVolumes()) {
                    withVolume(pool, name, StorageOperations::summarize).ifPresent(volumes::add);
                }
            }
            return volumes;
        });
    }

    /** What can be done to a volume in place. */
    enum VolumeChange { RESIZE, WIPE }

    /** Resizes (to {@code bytes}) or wipes a volume; empty when the pool or the volume does not exist. */
    static Optional<VolumeSummary> change(Connect connect, String poolName, String name, VolumeChange change, long bytes)
            throws LibvirtException {
        return withPool(connect, poolName, pool -> withVolume(pool, name, volume -> {
            switch (change) {
                case RESIZE -> volume.resize(bytes, 0);
                case WIPE -> volume.wipe();
            }
            return summarize(volume);
        })).flatMap(found -> found);
    }

    /** The ISO images of every active pool. */
    static List<VolumeSummary> isoVolumes(Connect connect) throws LibvirtException {
        List<VolumeSummary> isos = new ArrayList<>();
        for (String poolName : connect.listStoragePools()) {
            withPool(connect, poolName, pool -> {
                for (String name : pool.listVolumes()) {
                    withVolume(pool, name, StorageOperations::summarize)
                            .filter(volume -> "iso".equals(volume.format()))
                            .ifPresent(isos::add);
                }
                return null;
            });
        }
        return isos;
    }

    /** The volume at {@code path}, if a pool of the host holds one there. */
    static Optional<VolumeSummary> volumeAt(Connect connect, String path) throws LibvirtException {
        return withVolumeAt(connect, path, StorageOperations::summarize);
    }

    /** The volume {@code name} of pool {@code poolName}, if both exist. */
    static Optional<VolumeSummary> volume(Connect connect, String poolName, String name) throws LibvirtException {
        return withPool(connect, poolName, pool -> withVolume(pool, name, StorageOperations::summarize))
                .flatMap(found -> found);
    }

    /**
     * The ISO 9660 descriptors of the image at {@code path}, read through libvirt; empty when no
     * pool holds it or libvirt cannot stream volumes (the test driver).
     */
    static Optional<IsoImage> isoImage(Connect connect, String path) throws LibvirtException {
        return withVolumeAt(connect, path, volume -> {
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
                return Optional.of(IsoImage.of(descriptors));
            } catch (LibvirtException e) {
                stream.abort();
                if (LibvirtErrors.isConnectionFailure(e)) {
                    throw e;
                }
                return Optional.<IsoImage>empty(); // a driver that cannot stream volumes (the test driver)
            } finally {
                stream.free();
            }
        }).flatMap(image -> image);
    }

    /** Creates a volume in {@code poolName}; returns it as created. */
    static VolumeSummary create(Connect connect, String poolName, VolumeSpec spec) throws LibvirtException {
        StoragePool pool = connect.storagePoolLookupByName(poolName);
        try {
            StorageVol volume = pool.storageVolCreateXML(VolumeXmlWriter.write(spec), 0);
            try {
                return summarize(volume);
            } finally {
                volume.free();
            }
        } finally {
            pool.free();
        }
    }

    /** Deletes a volume; false when it was not there. */
    static boolean delete(Connect connect, String poolName, String name) throws LibvirtException {
        return withPool(connect, poolName, pool -> withVolume(pool, name, volume -> {
            volume.delete(0);
            return true;
        })).flatMap(deleted -> deleted).orElse(false);
    }

    /** Runs {@code work} on the pool named {@code name}; empty when there is no such pool. */
    static <T> Optional<T> withPool(Connect connect, String name, PoolWork<T> work) throws LibvirtException {
        StoragePool pool;
        try {
            pool = connect.storagePoolLookupByName(name);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.ofNullable(work.apply(pool));
        } finally {
            pool.free();
        }
    }

    /** Runs {@code work} on a pool's volume; empty when there is no such volume. */
    static <T> Optional<T> withVolume(StoragePool pool, String name, VolumeWork<T> work)
            throws LibvirtException {
        StorageVol volume;
        try {
            volume = pool.storageVolLookupByName(name);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return use(volume, work);
    }

    /** Runs {@code work} on the volume at {@code path}; empty when no pool holds one there. */
    private static <T> Optional<T> withVolumeAt(Connect connect, String path, VolumeWork<T> work)
            throws LibvirtException {
        StorageVol volume;
        try {
            volume = connect.storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        return use(volume, work);
    }

    private static <T> Optional<T> use(StorageVol volume, VolumeWork<T> work) throws LibvirtException {
        try {
            return Optional.ofNullable(work.apply(volume));
        } catch (LibvirtException e) {
            // removed between the lookup and the work
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        } finally {
            volume.free();
        }
    }

    private static long bytes(Element scaled) {
        return scaled == null ? 0
                : Units.toBytes(Long.parseLong(scaled.getTextContent().trim()), scaled.getAttribute("unit"), "bytes");
    }

    /** Copies a volume into {@code targetPool} under {@code newName}, in the source's format. */
    static VolumeSummary copy(Connect connect, VolumeSummary source, String targetPool, String newName)
            throws LibvirtException {
        StoragePool from = connect.storagePoolLookupByName(source.pool());
        StoragePool to = connect.storagePoolLookupByName(targetPool);
        StorageVol original = null;
        try {
            original = from.storageVolLookupByName(source.name());
            VolumeSpec spec = new VolumeSpec(newName, source.capacityBytes(), source.format(), null, null);
            StorageVol copy = to.storageVolCreateXMLFrom(VolumeXmlWriter.write(spec), original, 0);
            try {
                return summarize(copy);
            } finally {
                copy.free();
            }
        } finally {
            if (original != null) {
                original.free();
            }
            from.free();
            to.free();
        }
    }

    /** The {@code <permissions>} of a volume's target; null when libvirt gives none or not all. */
    static FilePermissions permissions(Element permissions) {
        java.util.Optional<String> owner = Xml.text(permissions, "owner");
        java.util.Optional<String> group = Xml.text(permissions, "group");
        java.util.Optional<String> mode = Xml.text(permissions, "mode");
        if (owner.isEmpty() || group.isEmpty() || mode.isEmpty()) {
            return null;
        }
        try {
            return new FilePermissions(Long.parseLong(owner.get()), Long.parseLong(group.get()),
                    Integer.parseInt(mode.get(), 8));
        } catch (NumberFormatException e) {
            return null; // -1 for "not set" or a label libvirt could not map to numbers
        }
    }

    static VolumeSummary summarize(StorageVol volume) throws LibvirtException {
        Element root = Xml.parse(volume.getXMLDesc(0)).getDocumentElement();
        StoragePool pool = volume.storagePoolLookupByVolume();
        try {
            String format = Xml.attribute(Xml.path(root, "target", "format"), "type").orElse("raw");
            long capacity = bytes(Xml.child(root, "capacity"));
            Element physical = Xml.child(root, "physical");
            return new VolumeSummary(pool.getName(), volume.getName(), volume.getPath(), format,
                    capacity, bytes(Xml.child(root, "allocation")),
                    root.getAttribute("type").isEmpty() ? "file" : root.getAttribute("type"),
                    physical == null ? capacity : bytes(physical), permissions(Xml.path(root, "target", "permissions")));
        } finally {
            pool.free();
        }
    }
}
