package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSpec;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VolumeSpec;
import dev.vireo.libvirt.VolumeSummary;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the cloud-init seed images of guests live: a dir storage pool on each guest's own host
 * ({@code vireo.seeds.pool}, made when the host lacks it), one volume per guest named after its
 * UUID. On this machine the image is written to the volume's file; on a remote host through
 * libvirt's volume upload.
 */
@Stateless
public class SeedStore {

    static final String DEFAULT_POOL = "vireo-seeds";
    /** Where a remote host keeps the pool when Vireo makes it there. */
    static final String REMOTE_DIRECTORY = "/var/lib/libvirt/vireo-seeds";
    private static final Logger LOG = Logger.getLogger(SeedStore.class.getName());

    @Inject
    @ConfigProperty(name = "vireo.seeds.pool", defaultValue = DEFAULT_POOL)
    String poolName;

    @Inject
    @ConfigProperty(name = "vireo.seeds.directory")
    Optional<String> configuredDirectory;

    /** Puts {@code iso} in the seed volume of VM {@code vm} (UUID {@code uuid}) on {@code host}, replacing an earlier one. */
    public VolumeSummary put(HostGateways host, String vm, String uuid, byte[] iso) {
        String pool = pool(host, vm);
        String volume = uuid + "-cidata.iso";
        try {
            host.storage().deleteVolume(pool, volume);
            VolumeSummary made = host.storage().createVolume(pool, new VolumeSpec(volume, iso.length, "raw", null, null));
            if (local(host) && made.path() != null && Files.isDirectory(Path.of(made.path()).getParent())) {
                Files.write(Path.of(made.path()), iso);
            } else if (!host.storage().uploadVolume(pool, volume, 0, iso.length, new ByteArrayInputStream(iso))) {
                throw new IOException("the volume " + volume + " went away while it was written");
            }
            return made;
        } catch (IOException e) {
            throw new VireoException(ErrorCode.GUEST_SEED_FAILED, e, vm, "its image was not written to pool " + pool
                    + " on host " + host.ref().name() + ": " + e.getMessage());
        }
    }

    private String pool(HostGateways host, String vm) {
        Optional<PoolSummary> pool = host.storage().pool(poolName);
        if (pool.isEmpty()) {
            String directory = directory(host);
            if (local(host)) {
                try {
                    Files.createDirectories(Path.of(directory));
                } catch (IOException e) {
                    throw new VireoException(ErrorCode.GUEST_SEED_FAILED, e, vm, "the seed pool " + poolName + " has no directory " + directory
                            + ": " + e.getMessage());
                }
            }
            host.storage().definePool(PoolSpec.dir(poolName, directory), null, true);
            LOG.info(() -> "Created the seed pool " + poolName + " on host " + host.ref().name() + " at " + directory);
        } else if (!pool.get().active()) {
            if (local(host)) {
                // its directory may have gone with the server's data directory (a new server): made again
                try {
                    Files.createDirectories(Path.of(pool.get().path() != null ? pool.get().path() : directory(host)));
                } catch (IOException e) {
                    throw new VireoException(ErrorCode.GUEST_SEED_FAILED, e, vm, "the seed pool " + poolName
                            + " cannot be started: " + e.getMessage());
                }
            }
            host.storage().activatePool(poolName);
        }
        return poolName;
    }

    private String directory(HostGateways host) {
        return configuredDirectory.orElseGet(() -> local(host)
                ? Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), "seeds").toString()
                : REMOTE_DIRECTORY);
    }

    /** Whether the host's files are this machine's (a URI without a remote host part). */
    private static boolean local(HostGateways host) {
        return host.ref().isLocalMachine();
    }
}
