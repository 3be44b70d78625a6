package dev.vireo.security;

import java.util.HashSet;
import java.util.Set;

/** The roles every Vireo has, with the groups that carry them; neither can be changed or removed. */
public enum BuiltinRole {
    /** Everything. */
    ADMIN("admin", "admins", "Administrators", Set.copyOf(Permission.ALL)),
    /** Their own VMs and those shared with them; create VMs from templates; read the rest. */
    USER("user", "users", "Users", Set.of(Permission.VM_READ, Permission.VM_CREATE, Permission.VM_MANAGE,
            Permission.TEMPLATE_READ, Permission.STORAGE_READ, Permission.NETWORK_READ, Permission.HOST_READ,
            Permission.TASK_READ, Permission.VMPOOL_READ, Permission.CLUSTER_READ,
            Permission.ADDRESSPOOL_READ, Permission.IMAGE_READ, Permission.IMAGE_MANAGE)),
    /** Reads everything, changes nothing. */
    AUDITOR("auditor", "auditors", "Auditors", auditor());

    private final String roleName;
    private final String groupName;
    private final String groupDisplay;
    private final Set<String> permissions;

    BuiltinRole(String roleName, String groupName, String groupDisplay, Set<String> permissions) {
        this.roleName = roleName;
        this.groupName = groupName;
        this.groupDisplay = groupDisplay;
        this.permissions = permissions;
    }

    private static Set<String> auditor() {
        Set<String> permissions = new HashSet<>(Permission.READ_ONLY);
        permissions.add(Permission.SCOPE_ALL);
        return Set.copyOf(permissions);
    }

    public String roleName() {
        return roleName;
    }

    public String groupName() {
        return groupName;
    }

    public String groupDisplay() {
        return groupDisplay;
    }

    public Set<String> permissions() {
        return permissions;
    }

    public static boolean isBuiltinRole(String name) {
        for (BuiltinRole role : values()) {
            if (role.roleName.equals(name)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isBuiltinGroup(String name) {
        for (BuiltinRole role : values()) {
            if (role.groupName.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
