package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.security.Permission;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pages of Nano's console, which Nano's roles list as {@code menu}, and the Vireo permissions
 * behind them. Vireo keeps permissions only: a role given menus gets the permissions its pages'
 * routes need to show and act (the union of {@link #grants}); a role opens a menu when it may read
 * what the page shows ({@link #opens}). So a menu list read back may be longer than the one sent (a
 * role that manages compute pools also sees the dashboard), never shorter. The seed names four
 * menus; the others follow its resource groups (media and disk images open together).
 */
public enum NanoMenu {
    /** Zone, pool, cell and instance status. */
    DASHBOARD("dashboard", Permission.HOST_READ, Permission.HOST_READ),
    /** Compute pools, their cells and migrations between cells. */
    COMPUTE_POOL("compute_pool", Permission.HOST_READ, Permission.HOST_READ, Permission.HOST_MANAGE, Permission.TASK_READ),
    ADDRESS_POOL("address_pool", Permission.NETWORK_READ, Permission.NETWORK_READ, Permission.NETWORK_MANAGE),
    STORAGE_POOL("storage_pool", Permission.STORAGE_READ, Permission.STORAGE_READ, Permission.STORAGE_MANAGE),
    /** Guests, instances and batches of them. */
    INSTANCE("instance", Permission.VM_READ, Permission.VM_READ, Permission.VM_CREATE, Permission.VM_MANAGE,
            Permission.TASK_READ),
    /** Media images (ISO) and disk images: Vireo's templates and the images they are made from. */
    MEDIA_IMAGE("media_image", Permission.TEMPLATE_READ, Permission.TEMPLATE_READ, Permission.TEMPLATE_MANAGE),
    DISK_IMAGE("disk_image", Permission.TEMPLATE_READ, Permission.TEMPLATE_READ, Permission.TEMPLATE_MANAGE),
    /** Roles, user groups, users and sessions. */
    USER("user", Permission.ACCOUNT_READ, Permission.ACCOUNT_READ, Permission.ACCOUNT_MANAGE),
    LOG("log", Permission.AUDIT_READ, Permission.AUDIT_READ, Permission.AUDIT_WRITE);

    private final String menuName;
    private final String opens;
    private final Set<String> grants;

    NanoMenu(String menuName, String opens, String... grants) {
        this.menuName = menuName;
        this.opens = opens;
        this.grants = Set.of(grants);
    }

    public String menuName() {
        return menuName;
    }

    /** The menus that these permissions open, in Nano's order. */
    public static List<String> openedBy(Collection<String> permissions) {
        return Arrays.stream(values()).filter(menu -> permissions.contains(menu.opens)).map(NanoMenu::menuName).toList();
    }

    /** The permissions that menus grant (400 naming an unknown menu). */
    public static Set<String> grantedBy(Collection<String> menus) {
        Set<String> permissions = new TreeSet<>();
        for (String name : menus) {
            permissions.addAll(named(name).grants);
        }
        return permissions;
    }

    private static NanoMenu named(String name) {
        return Arrays.stream(values()).filter(menu -> menu.menuName.equals(name)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.UNKNOWN_NANO_MENU, String.valueOf(name),
                        String.join(", ", Arrays.stream(values()).map(NanoMenu::menuName).toList())));
    }
}
