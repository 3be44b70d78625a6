package dev.vireo.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.VireoException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceNameTest {

    private static final String LONGEST = "a".repeat(64);

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "vm1", "Web-01", "db_primary.2", "0-start-with-digit", "ubuntu-24.04", "a..b"})
    void acceptsLettersDigitsDotsUnderscoresAndDashes(String name) {
        assertThat(ResourceName.isValid(name)).isTrue();
    }

    @Test
    void acceptsSixtyFourCharacters() {
        assertThat(ResourceName.isValid(LONGEST)).isTrue();
    }

    @Test
    void refusesSixtyFiveCharacters() {
        assertThat(ResourceName.isValid(LONGEST + "a")).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesNullAndEmpty(String name) {
        assertThat(ResourceName.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "-rf", "_private", ".", ".."})
    void refusesANameThatDoesNotStartWithALetterOrDigit(String name) {
        assertThat(ResourceName.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"my vm", " vm", "vm ", "vm\t1", "vm\n"})
    void refusesWhitespace(String name) {
        assertThat(ResourceName.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "../etc", "vm/..", "a\\b", "vm%2F..", "vm?x=1", "vm#1", "vm:1", "vm'1", "<vm>"})
    void refusesPathAndUriAndMarkupCharacters(String name) {
        assertThat(ResourceName.isValid(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm-é", "виртуалка", "虚拟机", "kīмсhī-пet", "kīмсhīTmpl", "vm-\u0661"})
    void acceptsLettersAndDigitsOfAnyScript(String name) {
        assertThat(ResourceName.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vm\u00a0", "vm\u202eexe", "vm\u200b", "e\u0301", "\u0301e", "vm\u2028"})
    void refusesSpacesFormatCharactersAndUncomposedForms(String name) {
        assertThat(ResourceName.isValid(name)).isFalse();
    }

    @Test
    void requireReturnsAValidName() {
        assertThat(ResourceName.require("virtual machine", "web-01")).isEqualTo("web-01");
    }

    @Test
    void requireRefusesAnInvalidNameWithA400NamingKindAndValue() {
        VireoException e = catchThrowableOfType(VireoException.class,
                () -> ResourceName.require("storage pool", "../etc"));

        assertThat(e.code()).isEqualTo("NAME0001E");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.reason()).contains("storage pool").contains("'../etc'");
    }

    @Test
    void requireRefusesNullWithAnEmptyValueInTheReason() {
        VireoException e = catchThrowableOfType(VireoException.class,
                () -> ResourceName.require("template", null));

        assertThat(e.code()).isEqualTo("NAME0001E");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.reason()).startsWith("Invalid template name ''").doesNotContain("null");
    }
}
