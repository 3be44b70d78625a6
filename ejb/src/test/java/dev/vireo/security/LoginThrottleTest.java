package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long NOW = 1_000_000_000L;

    @Test
    void anAccountMayFailFourTimesFreely() {
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(4, NOW), NOW)).isZero();
    }

    @Test
    void fromTheFifthFailureEachTryWaitsTwiceAsLong() {
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(5, NOW), NOW)).isEqualTo(1000);
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(6, NOW), NOW)).isEqualTo(2000);
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(9, NOW), NOW)).isEqualTo(16000);
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(6, NOW), NOW + 1500))
                .isEqualTo(500);
    }

    @Test
    void theTenthFailureLocksTheAccountForTheWindow() {
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(10, NOW), NOW + 60_000))
                .isEqualTo(LoginThrottle.WINDOW_MILLIS - 60_000);
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ACCOUNT, new LoginThrottle.Failures(10, NOW),
                NOW + LoginThrottle.WINDOW_MILLIS + 1)).isZero();
    }

    @Test
    void addressesGetMoreRoomThanAccounts() {
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ADDRESS, new LoginThrottle.Failures(29, NOW), NOW)).isZero();
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ADDRESS, new LoginThrottle.Failures(30, NOW), NOW)).isEqualTo(1000);
        assertThat(LoginThrottle.waitMillis(LoginThrottle.Kind.ADDRESS, new LoginThrottle.Failures(100, NOW), NOW))
                .isEqualTo(LoginThrottle.WINDOW_MILLIS);
    }

    @Test
    void failuresAreCountedPerAccountAndSuccessForgetsThem() {
        LoginThrottle throttle = new LoginThrottle();
        for (int i = 0; i < 5; i++) {
            throttle.check("alice", "192.0.2.1");
            throttle.failed("alice", "192.0.2.1");
        }
        assertThatThrownBy(() -> throttle.check("alice", "192.0.2.7"))
                .isInstanceOfSatisfying(VireoException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.reason()).contains("for this account").contains("1 seconds");
                });
        throttle.check("bob", "192.0.2.1");
        throttle.succeeded("alice");
        throttle.check("alice", "192.0.2.1");
    }
}
