package dev.vireo.libvirt;

import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.w3c.dom.Element;

/** A domain moved to another host. */
final class MigrationOperations {

    private MigrationOperations() {
    }

    // virDomainMigrateFlags
    private static final long MIGRATE_LIVE = 1;
    private static final long MIGRATE_PERSIST_DEST = 8;
    private static final long MIGRATE_UNDEFINE_SOURCE = 16;
    private static final long MIGRATE_NON_SHARED_DISK = 64;
    private static final long MIGRATE_UNSAFE = 512;
    private static final long MIGRATE_OFFLINE = 1024;

    /**
     * Moves a domain to the host behind {@code destination}: live while it runs, its definition
     * only while it is shut off; it stays defined there and leaves this host. Empty when there is
     * no such domain.
     *
     * @param migrateUri where the destination's QEMU listens ({@code tcp://host}, {@code rdma://host})
     * @param unsafe     skip libvirt's shared-storage and cache-mode check (storage shared in ways it cannot see)
     */
    static Optional<String> migrate(Connect connect, Connect destination, String name, String migrateUri,
                                    boolean unsafe) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            boolean running = domain.isActive() == 1;
            long flags = MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE | (running ? MIGRATE_LIVE : MIGRATE_OFFLINE)
                    | (unsafe ? MIGRATE_UNSAFE : 0);
            Domain moved = domain.migrate(destination, flags, null, running ? migrateUri : null, 0);
            try {
                return moved.getName();
            } finally {
                moved.free();
            }
        });
    }

    /**
     * Moves a running domain live to {@code destination}, persistent there and undefined here.
     *
     * @param copyStorage copy its disks into volumes the destination already has at the same paths
     *                    (libvirt's non-shared-disk migration); else the disks are shared
     * @param unsafe      skip libvirt's shared-storage check (storage shared in ways it cannot see)
     * @return false when there is no such domain
     */
    static boolean migrateLive(Connect connect, Connect destination, String name, String migrateUri,
                               boolean copyStorage, boolean unsafe) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            long flags = MIGRATE_LIVE | MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE
                    | (copyStorage ? MIGRATE_NON_SHARED_DISK : 0) | (unsafe ? MIGRATE_UNSAFE : 0);
            domain.migrate(destination, flags, null, migrateUri, 0).free();
            return true;
        }).orElse(false);
    }

    // virDomainXMLFlags
    private static final int XML_SECURE = 1;
    private static final int XML_INACTIVE = 2;
    private static final int XML_MIGRATABLE = 8;

    /**
     * The persistent definition of a domain as another host can define it (secrets such as the
     * console password kept, host-specific defaults left out); empty when there is no such domain.
     */
    static Optional<String> migratableXml(Connect connect, String name) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            try {
                return domain.getXMLDesc(XML_SECURE | XML_INACTIVE | XML_MIGRATABLE);
            } catch (LibvirtException e) {
                if (e.getError().getCode() != org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_ARG) {
                    throw e;
                }
                // a driver without the migratable form (the test driver): its plain persistent definition
                return domain.getXMLDesc(XML_SECURE | XML_INACTIVE);
            }
        });
    }

    /** Whether the host's hypervisor can migrate running domains (its capabilities list live migration). */
    static boolean liveMigration(Connect connect) throws LibvirtException {
        Element root = Xml.parse(connect.getCapabilities()).getDocumentElement();
        Element features = Xml.path(root, "host", "migration_features");
        return features != null && Xml.child(features, "live") != null;
    }
}
