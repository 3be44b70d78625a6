package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.VireoMetadata;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    private static final Caller ALICE = new Caller("alice", BuiltinRole.USER.permissions(), Set.of("users", "ops"));
    private static final Caller AUDITOR = new Caller("carl", BuiltinRole.AUDITOR.permissions(), Set.of("auditors"));

    private static VireoMetadata vm(String owner, List<String> users, List<String> groups) {
        return new VireoMetadata("t", owner, List.of(), users, groups);
    }

    @Test
    void aUserSeesItsOwnVmsAndThoseSharedWithItOrItsGroups() {
        assertThat(ALICE.mayUse(vm("alice", List.of(), List.of()))).isTrue();
        assertThat(ALICE.mayUse(vm("bob", List.of("alice"), List.of()))).isTrue();
        assertThat(ALICE.mayUse(vm("bob", List.of(), List.of("ops")))).isTrue();
        assertThat(ALICE.mayUse(vm("bob", List.of("dave"), List.of("dev")))).isFalse();
        assertThat(ALICE.mayUse(VireoMetadata.NONE)).isFalse();
    }

    @Test
    void callersThatSeeEverythingSeeEveryVm() {
        assertThat(AUDITOR.mayUse(vm("bob", List.of(), List.of()))).isTrue();
        assertThat(AUDITOR.mayUse(VireoMetadata.NONE)).isTrue();
        assertThat(AUDITOR.mayUseOwnedBy("bob")).isTrue();
        assertThat(ALICE.mayUseOwnedBy("bob")).isFalse();
        assertThat(ALICE.mayUseOwnedBy("alice")).isTrue();
    }

    @Test
    void theAnonymousCallerMayDoNothing() {
        assertThat(Caller.ANONYMOUS.permissions()).isEmpty();
        assertThat(Caller.ANONYMOUS.mayUse(vm("anonymous", List.of(), List.of()))).isFalse();
    }

    @Test
    void theBuiltInRolesGrantWhatTheirNamesPromise() {
        assertThat(BuiltinRole.ADMIN.permissions()).containsExactlyInAnyOrderElementsOf(Permission.ALL);
        assertThat(BuiltinRole.AUDITOR.permissions()).allMatch(p -> p.endsWith(".read") || p.equals(Permission.SCOPE_ALL))
                .contains(Permission.AUDIT_READ, Permission.SCOPE_ALL);
        assertThat(BuiltinRole.USER.permissions()).contains(Permission.VM_CREATE, Permission.VM_MANAGE)
                .doesNotContain(Permission.SCOPE_ALL, Permission.TEMPLATE_MANAGE, Permission.ACCOUNT_READ, Permission.AUDIT_READ);
    }
}
