package dev.vireo.libvirt;

import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** A domain moved to another host. */
final class MigrationOperations {

    private MigrationOperations() {
    }

    // virDomainMigrateFlags
    private static final long MIGRATE_LIVE = 1;
    private static final long MIGRATE_PERSIST_DEST = 8;
    private static final long MIGRATE_UNDEFINE_SOURCE = 16;
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
}
