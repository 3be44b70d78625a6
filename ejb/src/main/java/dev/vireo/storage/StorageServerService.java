package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.libvirt.StorageTarget;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Storage servers (those the defined netfs and iscsi pools use) and the targets libvirt's pool
 * source discovery finds on a server (NFS exports, iSCSI targets), less those pools use already.
 */
@Stateless
@RolesAllowed(Permission.STORAGE_READ)
public class StorageServerService {

    /** The types of pools behind a storage server. */
    static final List<String> SERVER_TYPES = List.of("netfs", "iscsi");

    @EJB
    HostConnections hosts;

    /** The servers of the defined pools, of {@code targetType} when given, each once, in pool order. */
    public List<StorageServerView> list(String targetType) {
        List<String> types = types(targetType);
        Map<String, StorageServerView> servers = new LinkedHashMap<>();
        for (PoolSummary pool : serverPools()) {
            if (types.contains(pool.type())) {
                servers.putIfAbsent(pool.source().host(), view(pool));
            }
        }
        return List.copyOf(servers.values());
    }

    public StorageServerView get(String host) {
        PoolRules.host(host);
        return serverPools().stream().filter(pool -> host.equals(pool.source().host())).findFirst().map(this::view)
                .orElseThrow(() -> new VireoException(ErrorCode.STORAGE_SERVER_NOT_FOUND, host));
    }

    /**
     * What libvirt discovers on {@code host}: of {@code targetType} when given, else of both types
     * (a type the hypervisor cannot discover is then left out); at {@code serverPort} when given.
     */
    public List<StorageTargetView> targets(String host, String targetType, String serverPort) {
        PoolRules.host(host);
        Integer port = PoolRules.port(serverPort);
        List<String> types = types(targetType);
        Set<String> used = serverPools().stream().map(pool -> "netfs".equals(pool.type()) ? pool.source().dir()
                : pool.source().devices().isEmpty() ? null : pool.source().devices().get(0))
                .filter(path -> path != null).collect(Collectors.toSet());
        List<StorageTargetView> targets = new ArrayList<>();
        for (String type : types) {
            List<StorageTarget> found;
            try {
                found = hosts.local().storage().findTargets(type, host, port);
            } catch (VireoException e) {
                if (targetType == null && e.error() == ErrorCode.HOST_UNSUPPORTED) {
                    continue;
                }
                throw e;
            }
            found.stream().filter(target -> !used.contains(target.target())).distinct()
                    .map(target -> new StorageTargetView(target.host(), target.targetType(), target.target()))
                    .forEach(targets::add);
        }
        return targets;
    }

    private List<PoolSummary> serverPools() {
        return hosts.local().storage().pools().stream()
                .filter(pool -> SERVER_TYPES.contains(pool.type()) && pool.source().host() != null).toList();
    }

    private StorageServerView view(PoolSummary pool) {
        return new StorageServerView(pool.source().host(), "iscsi".equals(pool.type()) ? pool.source().port() : null);
    }

    private static List<String> types(String targetType) {
        if (targetType == null || targetType.isEmpty()) {
            return SERVER_TYPES;
        }
        if (!SERVER_TYPES.contains(targetType)) {
            throw new VireoException(ErrorCode.INVALID_FILTER, "_target_type", targetType, "use netfs or iscsi");
        }
        return List.of(targetType);
    }
}
