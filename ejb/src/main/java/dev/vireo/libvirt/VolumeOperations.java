package dev.vireo.libvirt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;
import org.w3c.dom.Element;

/** The volumes of storage pools: listing, lookups, creation, copies, changes, deletion. */
final class VolumeOperations {

    private VolumeOperations() {
    }

    /** The volumes of a pool; empty when there is no such pool. */
    static Optional<List<VolumeSummary>> volumes(Connect connect, String poolName) throws LibvirtException {
        return Handles.pool(connect, poolName, pool -> {
            List<VolumeSummary> volumes = new ArrayList<>();
            if (pool.isActive() == 1) {
                for (String name : pool.listVolumes()) {
                    Handles.volume(pool, name, VolumeOperations::summarize).ifPresent(volumes::add);
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
        return Handles.volume(connect, poolName, name, volume -> {
            switch (change) {
                case RESIZE -> volume.resize(bytes, 0);
                case WIPE -> volume.wipe();
            }
            return summarize(volume);
        });
    }

    /** The ISO images of every active pool. */
    static List<VolumeSummary> isoVolumes(Connect connect) throws LibvirtException {
        List<VolumeSummary> isos = new ArrayList<>();
        for (String poolName : connect.listStoragePools()) {
            Handles.pool(connect, poolName, pool -> {
                for (String name : pool.listVolumes()) {
                    Handles.volume(pool, name, VolumeOperations::summarize)
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
        return Handles.volumeAt(connect, path, VolumeOperations::summarize);
    }

    /** The volume {@code name} of pool {@code poolName}, if both exist. */
    static Optional<VolumeSummary> volume(Connect connect, String poolName, String name) throws LibvirtException {
        return Handles.volume(connect, poolName, name, VolumeOperations::summarize);
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
        return Handles.volume(connect, poolName, name, volume -> {
            volume.delete(0);
            return true;
        }).orElse(false);
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
        Optional<String> owner = Xml.text(permissions, "owner");
        Optional<String> group = Xml.text(permissions, "group");
        Optional<String> mode = Xml.text(permissions, "mode");
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

    /** The path of the volume a volume is a copy-on-write overlay of ({@code <backingStore>}); empty for none. */
    static Optional<Optional<String>> backingPath(Connect connect, String pool, String name) throws LibvirtException {
        return Handles.volume(connect, pool, name, volume -> {
            Element root = Xml.parse(volume.getXMLDesc(0)).getDocumentElement();
            Element path = Xml.path(root, "backingStore", "path");
            return Optional.ofNullable(path).map(Element::getTextContent).map(String::strip).filter(text -> !text.isEmpty());
        });
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
