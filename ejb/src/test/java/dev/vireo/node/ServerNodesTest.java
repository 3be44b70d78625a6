package dev.vireo.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerNodesTest {

    @Test
    void theNodeTimeoutIsADurationOfAtLeastThreeHeartbeats() {
        assertThat(ServerNodes.timeout("45s")).isEqualTo(Duration.ofSeconds(45));
        assertThat(ServerNodes.timeout("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ServerNodes.timeout("PT15S")).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aTimeoutTooShortOrUnreadableFallsBackToTheDefault() {
        assertThat(ServerNodes.timeout("10s")).isEqualTo(ServerNodes.DEFAULT_NODE_TIMEOUT);
        assertThat(ServerNodes.timeout("soon")).isEqualTo(ServerNodes.DEFAULT_NODE_TIMEOUT);
        assertThat(ServerNodes.timeout(null)).isEqualTo(ServerNodes.DEFAULT_NODE_TIMEOUT);
    }
}
