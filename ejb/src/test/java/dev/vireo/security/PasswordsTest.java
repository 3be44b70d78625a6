package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    /** Records what it is asked; a stored hash is "hash:" and the password. */
    static class RecordingHash implements Pbkdf2PasswordHash {
        final List<String> generated = new ArrayList<>();
        final List<String> verifiedAgainst = new ArrayList<>();

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            String stored = "hash:" + new String(password);
            generated.add(stored);
            return stored;
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verifiedAgainst.add(hashedPassword);
            return hashedPassword.equals("hash:" + new String(password));
        }
    }

    private final RecordingHash hash = new RecordingHash();
    private final Passwords passwords = new Passwords();

    PasswordsTest() {
        passwords.hash = hash;
        passwords.init();
    }

    @Test
    void anUnknownUsersPasswordIsDerivedAsAKnownUsersIsAndNeverMatches() {
        String dummy = hash.generated.get(0);

        assertThat(passwords.verify("nobody", "some-password", null)).isFalse();
        assertThat(hash.verifiedAgainst).containsExactly(dummy);
        // not even the dummy's own password
        assertThat(passwords.verify("nobody", dummy.substring("hash:".length()), null)).isFalse();
        assertThat(hash.verifiedAgainst).containsExactly(dummy, dummy);
    }

    @Test
    void aKnownUsersPasswordIsCheckedAgainstItsHash() {
        String stored = passwords.hash("alice", "right-password");
        assertThat(passwords.verify("alice", "wrong-password", stored)).isFalse();
        assertThat(passwords.verify("alice", "right-password", stored)).isTrue();
        assertThat(hash.verifiedAgainst).containsExactly(stored, stored);
    }
}
