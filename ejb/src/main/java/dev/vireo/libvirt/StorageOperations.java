package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.libvirt.Stream;
import org.w3c.dom.Element;

/** Reads of storage pools and volumes. */
final class StorageOperations {

    private StorageOperations() {
    }

    static List<PoolSummary> pools(Connect connect) throws LibvirtException {
        List<String> names = new ArrayList<>(List.of(connect.listStoragePools()));
        names.addAll(List.of(connect.listDefinedStoragePools()));
        List<PoolSummary> pools = new ArrayList<>(names.size());
        for (String name : names) {
            StoragePool pool;
            try {
                pool = connect.storagePoolLookupByName(name);
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNotFound(e)) {
                    continue; // removed since the listing
                }
                throw e;
            }
            try {
                Element root = Xml.parse(pool.getXMLDesc(0)).getDocumentElement();
                pools.add(new PoolSummary(name, root.getAttribute("type"), pool.isActive() == 1,
                        Xml.text(root, "target", "path").orElse(null)));
            } finally {
                pool.free();
            }
        }
        return pools;
    }

    /** The volume at {@code path}, if a pool of the host holds one there. */
    static Optional<VolumeSummary> volumeAt(Connect connect, String path) throws LibvirtException {
        StorageVol volume;
        try {
            volume = connect.storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.of(summarize(volume));
        } finally {
            volume.free();
        }
    }

    /** The volume {@code name} of pool {@code poolName}, if both exist. */
    static Optional<VolumeSummary> volume(Connect connect, String poolName, String name) throws LibvirtException {
        StoragePool pool;
        try {
            pool = connect.storagePoolLookupByName(poolName);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            StorageVol volume = pool.storageVolLookupByName(name);
            try {
                return Optional.of(summarize(volume));
            } finally {
                volume.free();
            }
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        } finally {
            pool.free();
        }
    }

    /** The ISO images of every active pool. */
    static List<VolumeSummary> isoVolumes(Connect connect) throws LibvirtException {
        List<VolumeSummary> isos = new ArrayList<>();
        for (String poolName : connect.listStoragePools()) {
            StoragePool pool;
            try {
                pool = connect.storagePoolLookupByName(poolName);
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNotFound(e)) {
                    continue;
                }
                throw e;
            }
            try {
                for (String name : pool.listVolumes()) {
                    try {
                        StorageVol volume = pool.storageVolLookupByName(name);
                        try {
                            VolumeSummary summary = summarize(volume);
                            if ("iso".equals(summary.format())) {
                                isos.add(summary);
                            }
                        } finally {
                            volume.free();
                        }
                    } catch (LibvirtException e) {
                        if (!LibvirtErrors.isNotFound(e)) {
                            throw e;
                        }
                    }
                }
            } finally {
                pool.free();
            }
        }
        return isos;
    }

    /** The ISO 9660 volume label of an image, read through libvirt; empty when it has none. */
    static Optional<String> isoLabel(Connect connect, String path) throws LibvirtException {
        StorageVol volume;
        try {
            volume = connect.storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        Stream stream = connect.streamNew(0);
        try {
            volume.download(stream, IsoLabel.DESCRIPTOR_OFFSET, IsoLabel.DESCRIPTOR_LENGTH, 0);
            byte[] descriptor = new byte[IsoLabel.DESCRIPTOR_LENGTH];
            int read = 0;
            while (read < descriptor.length) {
                byte[] chunk = new byte[descriptor.length - read];
                int got = stream.receive(chunk);
                if (got <= 0) {
                    break;
                }
                System.arraycopy(chunk, 0, descriptor, read, got);
                read += got;
            }
            stream.finish();
            return read == descriptor.length ? IsoLabel.of(descriptor) : Optional.empty();
        } catch (LibvirtException e) {
            stream.abort();
            if (LibvirtErrors.isConnectionFailure(e)) {
                throw e;
            }
            return Optional.empty(); // a driver that cannot stream volumes (the test driver)
        } finally {
            stream.free();
            volume.free();
        }
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
        StoragePool pool;
        try {
            pool = connect.storagePoolLookupByName(poolName);
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return false;
            }
            throw e;
        }
        try {
            StorageVol volume = pool.storageVolLookupByName(name);
            try {
                volume.delete(0);
                return true;
            } finally {
                volume.free();
            }
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return false;
            }
            throw e;
        } finally {
            pool.free();
        }
    }

    private static VolumeSummary summarize(StorageVol volume) throws LibvirtException {
        Element root = Xml.parse(volume.getXMLDesc(0)).getDocumentElement();
        StoragePool pool = volume.storagePoolLookupByVolume();
        try {
            String format = Xml.attribute(Xml.path(root, "target", "format"), "type").orElse("raw");
            Element capacity = Xml.child(root, "capacity");
            long bytes = capacity == null ? 0
                    : Units.toBytes(Long.parseLong(capacity.getTextContent().trim()), capacity.getAttribute("unit"), "bytes");
            return new VolumeSummary(pool.getName(), volume.getName(), volume.getPath(), format, bytes);
        } finally {
            pool.free();
        }
    }
}
