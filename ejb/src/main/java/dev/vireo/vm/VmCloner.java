package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainDisk;
import dev.vireo.libvirt.HostGateways;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.task.TaskProgress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Copies a shut-off VM: each disk volume into the same pool (or the default pool when that one
 * lacks room), then a definition with a new name, UUID and MAC addresses. CD-ROMs are shared, not
 * copied. A failure removes the copies made so far.
 */
final class VmCloner {

    private static final Logger LOG = Logger.getLogger(VmCloner.class.getName());

    private final HostGateways host;
    private final String defaultPool;

    VmCloner(HostGateways host, String defaultPool) {
        this.host = host;
        this.defaultPool = defaultPool;
    }

    /** Copies {@code source} as {@code clone}, owned by {@code owner}. */
    String copy(String source, String clone, String owner, TaskProgress progress) {
        List<DomainDisk> disks = host.devices().disks(source).orElseThrow(() ->
                new VireoException(ErrorCode.VM_NOT_FOUND, source)).stream()
                .filter(disk -> "disk".equals(disk.device()) && !disk.readonly()).toList();
        Map<String, PoolSummary> pools = host.storage().pools().stream()
                .collect(Collectors.toMap(PoolSummary::name, Function.identity()));
        Map<String, Long> room = new LinkedHashMap<>();
        pools.values().forEach(pool -> room.put(pool.name(), pool.availableBytes()));
        List<VolumeSummary> copies = new ArrayList<>();
        Map<String, String> paths = new LinkedHashMap<>();
        String uuid = UUID.randomUUID().toString();
        try {
            for (DomainDisk disk : disks) {
                VolumeSummary original = disk.path() == null ? null : host.storage().volumeAt(disk.path()).orElse(null);
                if (original == null) {
                    throw new VireoException(ErrorCode.VM_DISK_NOT_IN_POOL, disk.target(), source);
                }
                String pool = poolWithRoom(original, room);
                progress.report(5 + 85 * copies.size() / disks.size(), "copying disk " + disk.target() + " ("
                        + (copies.size() + 1) + " of " + disks.size() + ") into pool " + pool);
                String name = VmBuilder.volumeName(uuid, copies.size());
                VolumeSummary copy = host.storage().copyVolume(original, pool, name);
                copies.add(copy);
                room.computeIfPresent(pool, (key, free) -> free - original.allocationBytes());
                paths.put(original.path(), copy.path());
            }
            progress.report(95, "defining " + clone);
            List<VireoMetadata.OwnedVolume> owned = copies.stream()
                    .map(copy -> new VireoMetadata.OwnedVolume(copy.pool(), copy.name())).toList();
            host.domains().defineClone(source, clone, uuid, paths, owned, owner)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, source));
            return "cloned " + source + " as " + clone;
        } catch (RuntimeException e) {
            for (VolumeSummary copy : copies) {
                try {
                    host.storage().deleteVolume(copy.pool(), copy.name());
                } catch (RuntimeException cleanup) {
                    LOG.log(Level.WARNING, "Cannot remove " + copy.path() + " after a failed clone", cleanup);
                }
            }
            throw e;
        }
    }

    /** The original's pool if it has room for the copy, else the default pool if that has. */
    private String poolWithRoom(VolumeSummary original, Map<String, Long> room) {
        long needed = original.allocationBytes();
        if (room.getOrDefault(original.pool(), 0L) >= needed) {
            return original.pool();
        }
        if (room.getOrDefault(defaultPool, 0L) >= needed) {
            return defaultPool;
        }
        throw new VireoException(ErrorCode.VM_NO_ROOM, original.pool(), defaultPool, original.name(), needed);
    }
}
