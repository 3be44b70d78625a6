package dev.vireo.libvirt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Secret;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.w3c.dom.Element;

/** Storage pools: listing, definition (with the secret of a CHAP password), changes, removal. */
final class PoolOperations {

    private PoolOperations() {
    }

    static List<PoolSummary> pools(Connect connect) throws LibvirtException {
        List<String> names = new ArrayList<>(List.of(connect.listStoragePools()));
        names.addAll(List.of(connect.listDefinedStoragePools()));
        List<PoolSummary> pools = new ArrayList<>(names.size());
        for (String name : names) {
            Handles.pool(connect, name, PoolOperations::summarize).ifPresent(pools::add);
        }
        return pools;
    }

    /** One pool; empty when there is no such pool. */
    static Optional<PoolSummary> pool(Connect connect, String name) throws LibvirtException {
        return Handles.pool(connect, name, PoolOperations::summarize);
    }

    private static PoolSummary summarize(StoragePool pool) throws LibvirtException {
        Element root = Xml.parse(pool.getXMLDesc(0)).getDocumentElement();
        boolean active = pool.isActive() == 1;
        StoragePoolInfo info = pool.getInfo();
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
            return define(connect, PoolXml.write(defined), needsBuild(defined), start);
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

    /**
     * Defines a pool from its XML; builds it when {@code build}; when {@code start}, starts it and
     * marks it to start with the host. On failure the pool is undefined again.
     */
    static PoolSummary define(Connect connect, String xml, boolean build, boolean start) throws LibvirtException {
        StoragePool pool = connect.storagePoolDefineXML(xml, 0);
        try {
            try {
                if (build) {
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
        return Handles.pool(connect, name, pool -> {
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
        return Handles.pool(connect, name, pool -> {
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
        return Handles.pool(connect, name, pool -> {
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
        Handles.with(() -> connect.secretLookupByUUIDString(uuid), Secret::free, secret -> {
            String usage = secret.getUsageID();
            if (usage != null && usage.startsWith(PoolXml.SECRET_USAGE_PREFIX)) {
                secret.undefine();
            }
            return null;
        });
    }
}
