package dev.vireo.persistence.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessKeyTest {

    private static final Instant LOGIN = Instant.parse("2026-11-25T10:00:00Z");

    private static AccessKey session() {
        AccessKey session = new AccessKey("abc", AccessKey.Kind.SESSION, "hash", "alice", LOGIN);
        session.expireAfter(1800, LOGIN);
        return session;
    }

    @Test
    void aSessionInUseLastsItsTimeoutAgainOnceHalfOfItIsGone() {
        AccessKey session = session();
        session.keepAlive(LOGIN.plusSeconds(600));
        assertThat(session.getExpires()).as("more than half left: unchanged").isEqualTo(LOGIN.plusSeconds(1800));
        session.keepAlive(LOGIN.plusSeconds(1000));
        assertThat(session.getExpires()).isEqualTo(LOGIN.plusSeconds(2800));
    }

    @Test
    void anEndedSessionStaysEnded() {
        AccessKey session = session();
        session.keepAlive(LOGIN.plusSeconds(1800));
        assertThat(session.expiredAt(LOGIN.plusSeconds(1800))).isTrue();
        assertThat(session.getExpires()).isEqualTo(LOGIN.plusSeconds(1800));
    }

    @Test
    void aTokenNeverExpires() {
        AccessKey token = new AccessKey("tok", AccessKey.Kind.TOKEN, "hash", "alice", LOGIN);
        token.keepAlive(LOGIN.plusSeconds(100_000));
        assertThat(token.getExpires()).isNull();
        assertThat(token.expiredAt(LOGIN.plusSeconds(10_000_000))).isFalse();
    }
}
