package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.LocalMachine;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.StorageGateway;
import dev.vireo.libvirt.PoolSpec;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Install media or a disk image named by a file's path on the host, as Kimchi takes it: when the
 * host is this machine, a readable ISO or disk image ({@link MediaFiles}) is made known to libvirt
 * as a volume of a dir pool over its directory (the pool that already covers the directory, or a
 * new {@code media-…} pool, started with the host), as Kimchi's ISO pool makes its images known.
 * On a host elsewhere only what its pools hold is taken. Defining a pool takes
 * {@code storage.manage}.
 */
@Stateless
@RolesAllowed(Permission.STORAGE_MANAGE)
public class LocalMedia {

    private static final Logger LOG = Logger.getLogger(LocalMedia.class.getName());
    static final String POOL_PREFIX = "media-";

    @EJB
    HostConnections hosts;

    @EJB
    Locks locks;

    /**
     * The volume libvirt knows the file at {@code path} as, made known first when needed; refused
     * with {@code refusal}, the caller's code for bad media (one {@code %s}, the reason).
     */
    public VolumeSummary expose(String path, ErrorCode refusal) {
        HostGateways host = hosts.local();
        if (!LocalMachine.isLocal(host.ref())) {
            throw new VireoException(refusal, "no storage pool of the host " + host.ref().uri() + " holds a volume at "
                    + path + ", and a file of another machine cannot be taken by its path: put it into one of"
                    + " that host's storage pools");
        }
        StorageGateway storage = host.storage();
        MediaFiles.MediaFile file = MediaFiles.check(path, refusal);
        String directory = file.path().getParent().toString();
        String name = poolName(directory);
        locks.claim(LockTarget.pool(host.ref(), name));
        PoolSummary pool = storage.pools().stream().filter(p -> directory.equals(p.path())).findFirst()
                .orElseGet(() -> define(storage, name, directory));
        if (!pool.active()) {
            storage.activatePool(pool.name());
        }
        storage.refreshPool(pool.name());
        Optional<VolumeSummary> volume = storage.volumeAt(path);
        if (volume.isEmpty() && host.ref().uri().startsWith("test:")) {
            // libvirt's test driver keeps pools in memory and never reads the directory: declare the file
            storage.createVolume(pool.name(), new VolumeSpec(file.path().getFileName().toString(), file.size(),
                    file.format(), null, null, file.size()));
            volume = storage.volumeAt(path);
        }
        return volume.orElseThrow(() -> new VireoException(refusal, "libvirt does not see "
                + path + " in storage pool " + pool.name() + ": can libvirtd read it?"));
    }

    private static PoolSummary define(StorageGateway storage, String name, String directory) {
        LOG.info("Making " + directory + " known to libvirt as the storage pool " + name + ", for the media in it");
        return storage.definePool(PoolSpec.dir(name, directory), null, true);
    }

    /** A stable pool name for a directory: {@code media-} and the start of its path's SHA-256. */
    static String poolName(String directory) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(directory.getBytes(StandardCharsets.UTF_8));
            return POOL_PREFIX + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
