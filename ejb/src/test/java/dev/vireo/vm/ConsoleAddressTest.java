package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostRef;
import org.junit.jupiter.api.Test;

class ConsoleAddressTest {

    private static final HostRef LOCAL = new HostRef("local", "qemu:///system");
    private static final HostRef SECOND_DAEMON = new HostRef("cell2", "qemu+unix:///system?socket=/run/b/libvirt-sock");
    private static final HostRef REMOTE = new HostRef("cell9", "qemu+ssh://root@cell9.example.org/system");

    @Test
    void aHostOnThisMachineIsReachedOnTheLoopbackOrWhereTheVmListens() {
        assertThat(ConsoleAddress.of("vm", LOCAL, "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ConsoleAddress.of("vm", LOCAL, "0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(ConsoleAddress.of("vm", LOCAL, null)).isEqualTo("127.0.0.1");
        assertThat(ConsoleAddress.of("vm", SECOND_DAEMON, "127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(ConsoleAddress.of("vm", LOCAL, "192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void anotherMachineIsReachedWhereTheVmListensOrAtTheMachineItsUriNames() {
        assertThat(ConsoleAddress.of("vm", REMOTE, "192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ConsoleAddress.of("vm", REMOTE, "0.0.0.0")).isEqualTo("cell9.example.org");
        assertThat(ConsoleAddress.of("vm", REMOTE, "::")).isEqualTo("cell9.example.org");
    }

    @Test
    void anotherMachinesLoopbackIsOutOfReachAndSaysSo() {
        assertThatThrownBy(() -> ConsoleAddress.of("vm", REMOTE, "127.0.0.1"))
                .isInstanceOfSatisfying(VireoException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.CONSOLE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("vm", "127.0.0.1", "cell9");
                });
    }
}
