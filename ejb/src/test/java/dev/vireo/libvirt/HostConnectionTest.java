package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostConnectionTest {

    @Test
    void backsOffExponentiallyUpToHalfAMinute() {
        assertThat(HostConnection.backOff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HostConnection.backOff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(HostConnection.backOff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(HostConnection.backOff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(HostConnection.backOff(40)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aHostThatRefusesIsReconnectingSinceItsFirstFailureAndCallsDuringTheBackOffFailAtOnce() throws Exception {
        // nothing listens on port 1: the connection is refused at once
        try (HostConnection connection = new HostConnection("qemu+tcp://127.0.0.1:1/system", (domain, event) -> { })) {
            assertThat(connection.liveness().state()).isEqualTo(HostLiveness.State.NOT_CONNECTED);
            HostLiveness first = connection.probe();
            assertThat(first.state()).isEqualTo(HostLiveness.State.RECONNECTING);
            assertThat(first.since()).isNotNull();
            assertThat(first.reason()).isNotBlank();
            assertThatThrownBy(() -> connection.call(connect -> connect.getHostName()))
                    .isInstanceOf(VireoException.class)
                    .hasMessageContaining("next attempt in");
            assertThat(connection.probe().since()).isEqualTo(first.since());
        }
    }

    @Test
    void aReachableHostIsConnected() throws Exception {
        try (HostConnection connection = new HostConnection("test:///default", (domain, event) -> { })) {
            assertThat(connection.probe()).isEqualTo(new HostLiveness(HostLiveness.State.CONNECTED, null, null));
            String type = connection.call(connect -> connect.getType());
            assertThat(type).isEqualToIgnoringCase("test");
        }
    }
}
