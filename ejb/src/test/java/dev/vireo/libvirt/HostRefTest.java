package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which hosts are this machine, whose files this server may use directly. */
class HostRefTest {

    @Test
    void aUriWithoutARemoteHostIsThisMachine() {
        assertThat(new HostRef("local", "qemu:///system").isLocalMachine()).isTrue();
        assertThat(new HostRef("cell", "qemu+unix:///system?socket=/run/peer/libvirt-sock").isLocalMachine()).isTrue();
        assertThat(new HostRef("t", "test:///default").isLocalMachine()).isTrue();
        assertThat(new HostRef("far", "qemu+ssh://root@far.example/system").isLocalMachine()).isFalse();
        assertThat(new HostRef("tcp", "qemu+tcp://127.0.0.1:1/system").isLocalMachine()).isFalse();
    }
}
