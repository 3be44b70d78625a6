package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void anIssuedSecretParsesBackIntoItsParts() {
        Secrets.Issued issued = Secrets.issue(Secrets.TOKEN_PREFIX);
        assertThat(issued.value()).isEqualTo("vrt_" + issued.id() + "." + issued.secret());
        Secrets.Presented presented = Secrets.parse(issued.value()).orElseThrow();
        assertThat(presented.prefix()).isEqualTo("vrt");
        assertThat(presented.id()).isEqualTo(issued.id());
        assertThat(Secrets.matches(presented.secret(), Secrets.hash(issued.secret()))).isTrue();
    }

    @Test
    void eachIssueIsDifferent() {
        assertThat(Secrets.issue(Secrets.SESSION_PREFIX).value()).isNotEqualTo(Secrets.issue(Secrets.SESSION_PREFIX).value());
    }

    @Test
    void anythingElseDoesNotParse() {
        assertThat(Secrets.parse(null)).isEmpty();
        assertThat(Secrets.parse("")).isEmpty();
        assertThat(Secrets.parse("vrx_aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).isEmpty();
        assertThat(Secrets.parse("vrt_short.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).isEmpty();
        assertThat(Secrets.parse("vrt_aaaaaaaaaaaaaaaa.tooshort")).isEmpty();
        assertThat(Secrets.parse("vrt_aaaaaaaaaaaaaaaa")).isEmpty();
    }

    @Test
    void aWrongSecretDoesNotMatch() {
        assertThat(Secrets.matches("guess", Secrets.hash("secret"))).isFalse();
        assertThat(Secrets.hash("secret")).hasSize(64).isNotEqualTo("secret");
    }

    @Test
    void generatedPasswordsAreLongAndVaried() {
        String password = Secrets.password();
        assertThat(password).hasSize(20).matches("[A-Za-z2-9]+");
        assertThat(Secrets.password()).isNotEqualTo(password);
    }
}
