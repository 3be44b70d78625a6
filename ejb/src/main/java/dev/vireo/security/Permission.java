package dev.vireo.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named permissions roles grant. Services name them in {@code @RolesAllowed}: the
 * authentication mechanism hands a caller's permissions to the container as its roles.
 */
public final class Permission {

    public static final String VM_READ = "vm.read";
    public static final String VM_CREATE = "vm.create";
    public static final String VM_MANAGE = "vm.manage";
    /** See and act on every user's VMs and tasks, not only one's own and those shared with one. */
    public static final String SCOPE_ALL = "scope.all";
    public static final String TEMPLATE_READ = "template.read";
    public static final String TEMPLATE_MANAGE = "template.manage";
    public static final String STORAGE_READ = "storage.read";
    public static final String STORAGE_MANAGE = "storage.manage";
    public static final String NETWORK_READ = "network.read";
    public static final String NETWORK_MANAGE = "network.manage";
    public static final String HOST_READ = "host.read";
    public static final String HOST_MANAGE = "host.manage";
    public static final String TASK_READ = "task.read";
    public static final String ACCOUNT_READ = "account.read";
    public static final String ACCOUNT_MANAGE = "account.manage";
    public static final String AUDIT_READ = "audit.read";
    public static final String AUDIT_WRITE = "audit.write";
    /** See the scheduled jobs and their runs; manage: enable, disable, re-schedule and run them. */
    public static final String JOB_READ = "job.read";
    public static final String JOB_MANAGE = "job.manage";
    /** See VM pools; checking a VM out of one takes {@link #VM_CREATE}. */
    public static final String VMPOOL_READ = "vmpool.read";
    /** Create, change and delete VM pools. */
    public static final String VMPOOL_MANAGE = "vmpool.manage";
    /** See clusters of VMs and their members' states; acting on a member also takes {@link #VM_MANAGE}. */
    public static final String CLUSTER_READ = "cluster.read";
    /** Create, change, start, stop and delete clusters of VMs. */
    public static final String CLUSTER_MANAGE = "cluster.manage";
    /** See address pools, their ranges and who holds which address. */
    public static final String ADDRESSPOOL_READ = "addresspool.read";
    /** Create, change and delete address pools and their ranges; reserve and release addresses by hand. */
    public static final String ADDRESSPOOL_MANAGE = "addresspool.manage";
    /** See the images one may use (one's own, one's groups', public ones) and download them. */
    public static final String IMAGE_READ = "image.read";
    /** Create, upload, change and delete one's own images (all images with {@link #SCOPE_ALL}). */
    public static final String IMAGE_MANAGE = "image.manage";

    public static final List<String> ALL = List.of(VM_READ, VM_CREATE, VM_MANAGE, SCOPE_ALL, TEMPLATE_READ,
            TEMPLATE_MANAGE, STORAGE_READ, STORAGE_MANAGE, NETWORK_READ, NETWORK_MANAGE, HOST_READ, HOST_MANAGE,
            TASK_READ, ACCOUNT_READ, ACCOUNT_MANAGE, AUDIT_READ, AUDIT_WRITE, JOB_READ, JOB_MANAGE, VMPOOL_READ,
            VMPOOL_MANAGE, CLUSTER_READ, CLUSTER_MANAGE, ADDRESSPOOL_READ, ADDRESSPOOL_MANAGE, IMAGE_READ, IMAGE_MANAGE);

    /** Every permission that only reads. */
    public static final Set<String> READ_ONLY = ALL.stream()
            .filter(p -> p.endsWith(".read"))
            .collect(Collectors.toUnmodifiableSet());

    private Permission() {
    }

    public static boolean isKnown(String permission) {
        return permission != null && ALL.contains(permission);
    }
}
