package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;

class GuestPasswordSealTest {

    private final GuestPasswordSeal seal = new GuestPasswordSeal(GuestPasswordSeal.newKey());

    @Test
    void aSealedPasswordOpensForItsGuestAndUserOnly() throws Exception {
        String sealed = seal.seal("uuid-1", "root", "pässword 1");

        assertThat(sealed).doesNotContain("password");
        assertThat(seal.seal("uuid-1", "root", "pässword 1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(seal.open("uuid-1", "root", sealed)).isEqualTo("pässword 1");
        assertThatThrownBy(() -> seal.open("uuid-2", "root", sealed)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> seal.open("uuid-1", "admin", sealed)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new GuestPasswordSeal(GuestPasswordSeal.newKey()).open("uuid-1", "root", sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> seal.open("uuid-1", "root", "not base64!")).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> seal.open("uuid-1", "root", "AAAA")).isInstanceOf(GeneralSecurityException.class);
    }
}
