package dev.vireo.zone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CellMigrationTest {

    @Test
    void theMigrationDataGoesToTheDestinationsHost() {
        assertThat(CellMigration.migrateUri("qemu:///system", "qemu+ssh://root@cell1.example/system"))
                .isEqualTo("tcp://cell1.example");
        assertThat(CellMigration.migrateUri("qemu+ssh://cell1/system", "qemu+tls://10.0.0.7:16514/system"))
                .isEqualTo("tcp://10.0.0.7");
        assertThat(CellMigration.migrateUri("qemu:///system", "qemu+tcp://[fd00::7]/system")).isEqualTo("tcp://[fd00::7]");
    }

    @Test
    void twoDaemonsOfThisMachineMigrateOverLoopback() {
        assertThat(CellMigration.migrateUri("qemu:///system", "qemu+unix:///system?socket=/run/peer/libvirt-sock"))
                .isEqualTo("tcp://127.0.0.1");
    }

    @Test
    void aRemoteSourceReachesThisMachineByTheNameLibvirtGivesIt() {
        assertThat(CellMigration.migrateUri("qemu+ssh://cell1/system", "qemu:///system")).isNull();
    }
}
