package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.account.LoginAttempts;
import dev.vireo.security.LoginThrottle.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final long WINDOW = LoginThrottle.WINDOW.toSeconds();

    @Test
    void anAccountFromOneAddressMayFailFourTimesThenWaitsLongerEachTimeAndIsLockedAtTen() {
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 4, NOW, NOW)).isZero();
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 5, NOW, NOW)).isEqualTo(1000);
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 6, NOW, NOW)).isEqualTo(2000);
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 9, NOW, NOW)).isEqualTo(16000);
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 6, NOW, NOW.plusMillis(1500))).isEqualTo(500);
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 10, NOW, NOW.plusSeconds(60)))
                .isEqualTo(LoginThrottle.WINDOW.toMillis() - 60_000);
        assertThat(LoginThrottle.waitMillis(Kind.PAIR, 10, NOW, NOW.plus(LoginThrottle.WINDOW).plusMillis(1))).isZero();
    }

    @Test
    void anAddressGetsMoreRoom() {
        assertThat(LoginThrottle.waitMillis(Kind.ADDRESS, 29, NOW, NOW)).isZero();
        assertThat(LoginThrottle.waitMillis(Kind.ADDRESS, 30, NOW, NOW)).isEqualTo(1000);
        assertThat(LoginThrottle.waitMillis(Kind.ADDRESS, 100, NOW, NOW)).isEqualTo(LoginThrottle.WINDOW.toMillis());
    }

    @Test
    void anAccountAsAWholeIsNeverLockedOnlySlowedUpToTheCap() {
        assertThat(LoginThrottle.waitMillis(Kind.ACCOUNT, 5, NOW, NOW)).isEqualTo(1000);
        assertThat(LoginThrottle.waitMillis(Kind.ACCOUNT, 10_000, NOW, NOW)).isEqualTo(LoginThrottle.ACCOUNT_MAX_WAIT.toMillis());
        assertThat(LoginThrottle.waitMillis(Kind.ACCOUNT, 10_000, NOW, NOW.plus(LoginThrottle.ACCOUNT_MAX_WAIT))).isZero();
    }

    @Test
    void aFloodFromElsewhereSlowsANewAddressButNotOneTheOwnerSignedInFrom() {
        LoginAttempts account = failures("account", 500);
        LoginThrottle.Wait stranger = LoginThrottle.longestWait(null, null, account, NOW);
        assertThat(stranger.kind()).isEqualTo(Kind.ACCOUNT);
        assertThat(stranger.millis()).isEqualTo(LoginThrottle.ACCOUNT_MAX_WAIT.toMillis());

        LoginAttempts owner = new LoginAttempts("pair", "owner");
        owner.succeeded(NOW.minus(Duration.ofDays(3)));
        assertThat(LoginThrottle.longestWait(owner, null, account, NOW)).isNull();
        // trusted only for a while
        LoginAttempts longAgo = new LoginAttempts("pair", "owner");
        longAgo.succeeded(NOW.minus(LoginThrottle.TRUSTED_FOR).minusSeconds(1));
        assertThat(LoginThrottle.longestWait(longAgo, null, account, NOW)).isNotNull();
    }

    @Test
    void aSprayFromASharedAddressSlowsStrangersThereButNotAnOwnerWhoSignedInFromIt() {
        LoginAttempts address = failures("address", 40);
        assertThat(LoginThrottle.longestWait(null, address, null, NOW).kind()).isEqualTo(Kind.ADDRESS);
        LoginAttempts owner = new LoginAttempts("pair", "owner");
        owner.succeeded(NOW.minus(Duration.ofHours(2)));
        assertThat(LoginThrottle.longestWait(owner, address, null, NOW)).isNull();
        // the owner's own count from there still holds it back
        for (int i = 0; i < 5; i++) {
            owner.failed(NOW, WINDOW);
        }
        assertThat(LoginThrottle.longestWait(owner, address, null, NOW).kind()).isEqualTo(Kind.PAIR);
    }

    @Test
    void theGuessersOwnAddressStaysLockedWhateverTheOwnerDid() {
        LoginAttempts pair = failures("pair", 10);
        LoginThrottle.Wait wait = LoginThrottle.longestWait(pair, failures("address", 10), null, NOW);
        assertThat(wait.kind()).isEqualTo(Kind.PAIR);
        assertThat(wait.millis()).isEqualTo(LoginThrottle.WINDOW.toMillis());
        assertThat(LoginThrottle.longestWait(null, failures("address", 100), null, NOW).kind()).isEqualTo(Kind.ADDRESS);
    }

    @Test
    void failuresAreForgottenAWindowAfterTheLastAndASuccessClearsThem() {
        LoginAttempts attempts = failures("pair", 9);
        attempts.failed(NOW.plus(LoginThrottle.WINDOW).plusSeconds(1), WINDOW);
        assertThat(attempts.getFailures()).isEqualTo(1);
        attempts.succeeded(NOW);
        assertThat(attempts.getFailures()).isZero();
        assertThat(attempts.getLastSuccess()).isEqualTo(NOW);
    }

    @Test
    void keysHaveABoundedIdWhateverWasSentAndIpv6CountsBySubscriberBlock() {
        String id = LoginThrottle.id(Kind.PAIR, "x".repeat(5000), "192.0.2.1");
        assertThat(id).startsWith("pair:").hasSize("pair:".length() + 64);
        assertThat(LoginThrottle.id(Kind.ADDRESS, null, "2001:db8:1:2:aaaa::1"))
                .isEqualTo(LoginThrottle.id(Kind.ADDRESS, null, "2001:db8:1:2:bbbb::7"))
                .isNotEqualTo(LoginThrottle.id(Kind.ADDRESS, null, "2001:db8:1:3::1"));
        assertThat(LoginThrottle.network("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(LoginThrottle.network("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
    }

    private static LoginAttempts failures(String id, int count) {
        LoginAttempts attempts = new LoginAttempts(id, id);
        for (int i = 0; i < count; i++) {
            attempts.failed(NOW, WINDOW);
        }
        return attempts;
    }
}
