package dev.vireo.web.nano;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.security.BuiltinRole;
import dev.vireo.security.Permission;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NanoMenuTest {

    @Test
    void theSeedsMenusComeBackAsGiven() {
        List<String> seed = List.of("dashboard", "compute_pool", "address_pool", "instance");
        assertThat(NanoMenu.openedBy(NanoMenu.grantedBy(seed))).isEqualTo(seed);
    }

    @Test
    void everyMenuOpensWithWhatItGrantsAndGrantsOnlyKnownPermissions() {
        for (NanoMenu menu : NanoMenu.values()) {
            assertThat(NanoMenu.openedBy(NanoMenu.grantedBy(List.of(menu.menuName())))).contains(menu.menuName());
            assertThat(NanoMenu.grantedBy(List.of(menu.menuName()))).allMatch(Permission::isKnown);
        }
    }

    @Test
    void builtInRolesOpenWhatTheyMayRead() {
        assertThat(NanoMenu.openedBy(BuiltinRole.ADMIN.permissions()))
                .isEqualTo(Arrays.stream(NanoMenu.values()).map(NanoMenu::menuName).toList());
        // users read pools, networks, storage and templates: they see those pages, not users' nor the log
        assertThat(NanoMenu.openedBy(BuiltinRole.USER.permissions())).isEqualTo(List.of("dashboard", "compute_pool",
                "address_pool", "storage_pool", "instance", "media_image", "disk_image"));
        assertThat(NanoMenu.openedBy(BuiltinRole.AUDITOR.permissions())).contains("log", "user", "dashboard");
    }

    @Test
    void anUnknownMenuIsRefusedByName() {
        assertThatThrownBy(() -> NanoMenu.grantedBy(List.of("dashboard", "teapot")))
                .isInstanceOf(VireoException.class)
                .satisfies(e -> assertThat(((VireoException) e).error()).isEqualTo(ErrorCode.UNKNOWN_NANO_MENU))
                .hasMessageContaining("teapot");
        assertThatThrownBy(() -> NanoMenu.grantedBy(Arrays.asList((String) null))).isInstanceOf(VireoException.class);
    }
}
