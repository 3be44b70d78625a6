package dev.vireo.storage;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.LibvirtGateway;
import dev.vireo.libvirt.PoolSummary;
import dev.vireo.security.Permission;
import dev.vireo.template.TemplateService;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Storage pools of the managed host. */
@Stateless
@RolesAllowed(Permission.STORAGE_READ)
public class StoragePoolService {

    private static final String KIND = "storage pool";
    private static final Set<String> KIMCHI_TYPES = Set.of("dir", "kimchi-iso", "netfs", "logical", "iscsi", "scsi");

    @EJB
    LibvirtGateway libvirt;

    @EJB
    TemplateService templates;

    public List<PoolView> list() {
        return libvirt.pools(libvirt.localUri()).stream()
                .sorted(Comparator.comparing(PoolSummary::name)).map(PoolView::of).toList();
    }

    public PoolView get(String name) {
        return PoolView.of(find(name));
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.create")
    public PoolView create(PoolRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(KIND, request.name());
        if (request.type() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "type");
        }
        if (!KIMCHI_TYPES.contains(request.type())) {
            throw new VireoException(ErrorCode.POOL_INVALID, "type must be one of " + KIMCHI_TYPES.stream().sorted().toList()
                    + ", not '" + request.type() + "'");
        }
        if (!"dir".equals(request.type())) {
            throw new VireoException(ErrorCode.POOL_TYPE_UNSUPPORTED, request.type());
        }
        if (libvirt.pool(libvirt.localUri(), name).isPresent()) {
            throw new VireoException(ErrorCode.POOL_EXISTS, name);
        }
        return PoolView.of(libvirt.defineDirPool(libvirt.localUri(), name, directory(request.path())));
    }

    /** Changes whether the pool starts with the host (the only mutable property of a dir pool). */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.update")
    public PoolView update(String name, PoolRequest request) {
        find(name);
        if (request.disks() != null) {
            throw new VireoException(ErrorCode.POOL_TYPE_UNSUPPORTED, "logical");
        }
        if (request.name() != null || request.type() != null || request.path() != null || request.source() != null) {
            throw new VireoException(ErrorCode.POOL_INVALID, "only autostart (and disks of logical pools) can change");
        }
        if (request.autostart() == null) {
            return get(name);
        }
        return PoolView.of(libvirt.setPoolAutostart(libvirt.localUri(), name, request.autostart())
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name)));
    }

    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.activate")
    public PoolView activate(String name) {
        return PoolView.of(libvirt.activatePool(libvirt.localUri(), ResourceName.require(KIND, name))
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name)));
    }

    /** Stops a pool; refused while a VM uses one of its volumes. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.deactivate")
    public PoolView deactivate(String name) {
        PoolSummary pool = find(name);
        requireUnusedByVms(pool);
        return PoolView.of(libvirt.deactivatePool(libvirt.localUri(), name)
                .orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name)));
    }

    /** Removes a pool (its volumes stay on disk); refused while a VM or a template uses it. */
    @RolesAllowed(Permission.STORAGE_MANAGE)
    @Audited("storagepool.delete")
    public void delete(String name) {
        PoolSummary pool = find(name);
        List<String> users = templates.usingPool(name).stream().map(t -> "template " + t).toList();
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_IN_USE, name, String.join(", ", users));
        }
        requireUnusedByVms(pool);
        if (!libvirt.removePool(libvirt.localUri(), name)) {
            throw new VireoException(ErrorCode.POOL_NOT_FOUND, name);
        }
    }

    private void requireUnusedByVms(PoolSummary pool) {
        if (pool.path() == null) {
            return;
        }
        String prefix = pool.path().endsWith("/") ? pool.path() : pool.path() + "/";
        List<String> users = DiskUsers.byPath(libvirt).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .flatMap(entry -> entry.getValue().stream())
                .distinct().sorted().map(vm -> "virtual machine " + vm).toList();
        if (!users.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_IN_USE, pool.name(), String.join(", ", users));
        }
    }

    private static String directory(String path) {
        if (path == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "path");
        }
        Path normalized = Path.of(path).normalize();
        if (!path.startsWith("/") || !normalized.toString().equals(path.endsWith("/") && path.length() > 1
                ? path.substring(0, path.length() - 1) : path) || path.length() > 4096 || "/".equals(path)) {
            throw new VireoException(ErrorCode.POOL_INVALID, "path must be an absolute, normalised directory other than /,"
                    + " not '" + path + "'");
        }
        return normalized.toString();
    }

    private PoolSummary find(String name) {
        ResourceName.require(KIND, name);
        return libvirt.pool(libvirt.localUri(), name).orElseThrow(() -> new VireoException(ErrorCode.POOL_NOT_FOUND, name));
    }
}
