package dev.vireo.libvirt;

import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.StoragePool;
import org.libvirt.StorageVol;

/**
 * Work on one libvirt object looked up by name: the lookup, the work, the handle freed after it,
 * and "not found" as an empty answer instead of an error.
 */
final class Handles {

    private Handles() {
    }

    @FunctionalInterface
    interface Lookup<H> {
        H find() throws LibvirtException;
    }

    @FunctionalInterface
    interface Work<H, T> {
        T apply(H handle) throws LibvirtException;
    }

    @FunctionalInterface
    interface Free<H> {
        void free(H handle) throws LibvirtException;
    }

    /**
     * Runs {@code work} on what {@code lookup} finds and frees it afterwards; empty when libvirt
     * has no such object, or when the work found nothing (returned null).
     */
    static <H, T> Optional<T> with(Lookup<H> lookup, Free<H> free, Work<H, T> work)
            throws LibvirtException {
        H handle;
        try {
            handle = lookup.find();
        } catch (LibvirtException e) {
            if (LibvirtErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
        try {
            return Optional.ofNullable(work.apply(handle));
        } finally {
            free.free(handle);
        }
    }

    /** {@code work}, answering nothing (null) when its object is removed while it runs. */
    static <H, T> Work<H, T> orGone(Work<H, T> work) {
        return handle -> {
            try {
                return work.apply(handle);
            } catch (LibvirtException e) {
                if (LibvirtErrors.isNotFound(e)) {
                    return null;
                }
                throw e;
            }
        };
    }

    static <T> Optional<T> domain(Connect connect, String name, Work<Domain, T> work)
            throws LibvirtException {
        return with(() -> connect.domainLookupByName(name), Domain::free, work);
    }

    static <T> Optional<T> snapshot(Domain domain, String name, Work<DomainSnapshot, T> work)
            throws LibvirtException {
        return with(() -> domain.snapshotLookupByName(name), DomainSnapshot::free, work);
    }

    static <T> Optional<T> pool(Connect connect, String name, Work<StoragePool, T> work)
            throws LibvirtException {
        return with(() -> connect.storagePoolLookupByName(name), StoragePool::free, work);
    }

    /** A pool's volume; a volume removed while the work runs is not there either. */
    static <T> Optional<T> volume(StoragePool pool, String name, Work<StorageVol, T> work)
            throws LibvirtException {
        return with(() -> pool.storageVolLookupByName(name), StorageVol::free, orGone(work));
    }

    /** The volume {@code name} of pool {@code pool}; empty when either does not exist. */
    static <T> Optional<T> volume(Connect connect, String pool, String name, Work<StorageVol, T> work)
            throws LibvirtException {
        return pool(connect, pool, found -> volume(found, name, work).orElse(null));
    }

    /** The volume at {@code path}, as {@link #volume(StoragePool, String, Work)}; empty when no pool holds one there. */
    static <T> Optional<T> volumeAt(Connect connect, String path, Work<StorageVol, T> work)
            throws LibvirtException {
        return with(() -> connect.storageVolLookupByPath(path), StorageVol::free, orGone(work));
    }

    static <T> Optional<T> network(Connect connect, String name, Work<Network, T> work)
            throws LibvirtException {
        return with(() -> connect.networkLookupByName(name), Network::free, work);
    }
}
