package dev.vireo.security;

import dev.vireo.libvirt.VireoMetadata;
import java.util.Collections;
import java.util.Set;

/**
 * Who is calling a service: an account with the permissions its groups' roles grant and the
 * user groups it belongs to. The anonymous caller (timers, unauthenticated) has neither.
 */
public record Caller(String name, Set<String> permissions, Set<String> groups) {

    public static final String ANONYMOUS_NAME = "anonymous";
    public static final Caller ANONYMOUS = new Caller(ANONYMOUS_NAME, Set.of(), Set.of());

    public Caller {
        permissions = Set.copyOf(permissions);
        groups = Set.copyOf(groups);
    }

    /** The caller of a timer or of an unauthenticated request: it owns nothing and may do nothing. */
    public boolean isAnonymous() {
        return ANONYMOUS_NAME.equals(name);
    }

    public boolean has(String permission) {
        return permissions.contains(permission);
    }

    public boolean seesEverything() {
        return has(Permission.SCOPE_ALL);
    }

    /** Whether this caller may see a VM: everyone's VMs, its own, or those shared with it or its groups. */
    public boolean mayUse(VireoMetadata vm) {
        if (isAnonymous()) {
            return false;
        }
        return seesEverything()
                || name.equals(vm.owner())
                || vm.users().contains(name)
                || !Collections.disjoint(groups, vm.groups());
    }

    /** Whether this caller may see something owned by {@code owner} (a task, a token, a session). */
    public boolean mayUseOwnedBy(String owner) {
        return !isAnonymous() && (seesEverything() || name.equals(owner));
    }
}
