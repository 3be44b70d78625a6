package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuestPasswordsTest {

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String password = GuestPasswords.generate();
            assertThat(password).hasSize(GuestPasswords.GENERATED_LENGTH).matches("[A-Za-z2-9]+");
            assertThat(GuestPasswords.validPassword(password)).isEqualTo(password);
            seen.add(password);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void passwordsAreBoundedAndHoldNoControlCharacters() {
        assertThat(GuestPasswords.validPassword("asdb12356")).isEqualTo("asdb12356");
        assertThatThrownBy(() -> GuestPasswords.validPassword("short")).isInstanceOf(VireoException.class)
                .hasMessageContaining("5 characters").hasMessageNotContaining("short");
        assertThatThrownBy(() -> GuestPasswords.validPassword("x".repeat(129))).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> GuestPasswords.validPassword("line one\nline two")).isInstanceOf(VireoException.class)
                .hasMessageContaining("control character").hasMessageNotContaining("line one");
    }

    @Test
    void usersAreNamesLinuxAndWindowsBothTake() {
        assertThat(GuestPasswords.validUser("root")).isEqualTo("root");
        assertThat(GuestPasswords.validUser("Administrator")).isEqualTo("Administrator");
        assertThat(GuestPasswords.validUser("_svc.web-1")).isEqualTo("_svc.web-1");
        for (String bad : Set.of("", "1root", "ro ot", "root:x", "a".repeat(33), "root\n")) {
            assertThatThrownBy(() -> GuestPasswords.validUser(bad)).as(bad).isInstanceOf(VireoException.class);
        }
    }
}
