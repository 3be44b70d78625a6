package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
        assertThat(hash.generated).as("no slow derivation when the server starts").isEmpty();

        assertThat(passwords.verify("nobody", "some-password", null)).isFalse();
        assertThat(passwords.verify("nobody-else", "other-password", null)).isFalse();
        assertThat(hash.verifiedAgainst).hasSize(2).containsOnly(hash.verifiedAgainst.get(0));
        // the form Jakarta Security's PBKDF2 hash reads, with the parameters of every stored hash
        String[] decoy = hash.verifiedAgainst.get(0).split(":");
        assertThat(decoy).hasSize(4);
        assertThat(decoy[0]).isEqualTo("PBKDF2WithHmacSHA512");
        assertThat(decoy[1]).isEqualTo("210000");
        assertThat(Base64.getDecoder().decode(decoy[2])).hasSize(32);
        assertThat(Base64.getDecoder().decode(decoy[3])).hasSize(64);
    }

    @Test
    void everyServerHasADecoyOfItsOwn() {
        SecureRandom random = new SecureRandom();
        assertThat(Passwords.decoyHash(random)).isNotEqualTo(Passwords.decoyHash(random));
    }

    @Test
    void aKnownUsersPasswordIsCheckedAgainstItsHash() {
        String stored = passwords.hash("alice", "right-password");
        assertThat(passwords.verify("alice", "wrong-password", stored)).isFalse();
        assertThat(passwords.verify("alice", "right-password", stored)).isTrue();
        assertThat(hash.verifiedAgainst).containsExactly(stored, stored);
    }

    @Test
    void aBurstOfOnePasswordPaysForOneDerivation() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> derivations = java.util.Collections.synchronizedList(new ArrayList<>());
        Passwords burst = new Passwords();
        burst.hash = new RecordingHash() {
            @Override
            public boolean verify(char[] password, String hashedPassword) {
                derivations.add(hashedPassword);
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.verify(password, hashedPassword);
            }
        };
        burst.init();
        String stored = burst.hash("alice", "right-password");
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            Future<Boolean> first = clients.submit(() -> burst.verify("alice", "right-password", stored));
            assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
            List<Future<Boolean>> others = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                others.add(clients.submit(() -> burst.verify("alice", "right-password", stored)));
            }
            Thread.sleep(200); // lets the others reach the derivation in flight; a late one finds the password remembered
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
            for (Future<Boolean> other : others) {
                assertThat(other.get(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(derivations).as("one derivation for the eight requests").hasSize(1);
            // a wrong password is never answered by the right one's derivation
            assertThat(burst.verify("alice", "wrong-password", stored)).isFalse();
        } finally {
            clients.shutdownNow();
        }
    }
}
