package dev.vireo.storage;

import dev.vireo.libvirt.PoolSource;
import dev.vireo.libvirt.PoolSummary;
import java.io.Serializable;
import java.util.List;

/**
 * A storage pool as the Kimchi API shows it, with the host it is defined on; sizes in bytes. The
 * reserved {@code kimchi_isos} has only host, name, state and type.
 */
public record PoolView(String host, String name, String state, String type, String path, Long capacity, Long allocated,
                       Long available, Integer nrVolumes, Boolean autostart, Boolean persistent, Source source) implements Serializable {

    /**
     * Where the pool's storage comes from; what a type has not is left out. netfs: addr, path (the
     * export); iscsi: addr, port, path (the target IQN), username (CHAP, never a password);
     * logical: name (the volume group), devices; scsi: adapter_type, adapter_name.
     */
    public record Source(String addr, Integer port, String path, String username, String name, List<String> devices,
                         String adapterType, String adapterName) implements Serializable {

        static Source of(String type, PoolSource source) {
            return switch (type) {
                case "netfs" -> new Source(source.host(), null, source.dir(), null, null, null, null, null);
                case "iscsi" -> new Source(source.host(), source.port(),
                        source.devices().isEmpty() ? null : source.devices().get(0), source.authUsername(),
                        null, null, null, null);
                case "logical" -> new Source(null, null, null, null, source.name(),
                        source.devices().isEmpty() ? null : source.devices(), null, null);
                case "scsi" -> new Source(null, null, null, null, null, null, source.adapterType(), source.adapterName());
                default -> new Source(null, null, null, null, null, null, null, null);
            };
        }
    }

    /** @param kimchiType the type in the API's words (a dir pool of ISO links is a {@code kimchi-iso} pool) */
    static PoolView of(String host, PoolSummary pool, String kimchiType) {
        return new PoolView(host, pool.name(), pool.active() ? "active" : "inactive", kimchiType, pool.path(),
                pool.capacityBytes(), pool.allocationBytes(), pool.availableBytes(), pool.volumes(), pool.autostart(),
                pool.persistent(), Source.of(pool.type(), pool.source()));
    }
}
