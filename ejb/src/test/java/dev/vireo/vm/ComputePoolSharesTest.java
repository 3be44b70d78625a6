package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A compute pool's storage pool and network in the VMs of its cells. */
class ComputePoolSharesTest {

    private static TemplateSettings settings(List<String> networks, List<TemplateDisk> disks) {
        return new TemplateSettings(List.of(), null, "unknown", "unknown", 512, 512, null, networks, disks, null, 1, 1, null);
    }

    private static final TemplateDisk NEW_DISK = new TemplateDisk(0, 10, null, "qcow2", "default-pool");
    private static final TemplateDisk COPIED_DISK = new TemplateDisk(1, null, "base.img", "qcow2", "images");

    @Test
    void newDisksGoToThePoolsStorageAndNicsToItsNetwork() {
        TemplateSettings shared = ComputePoolShares.apply(settings(List.of("default", "other"), List.of(NEW_DISK, COPIED_DISK)),
                "nfs1", "pool-net", false);

        assertThat(shared.disks()).extracting(TemplateDisk::pool).containsExactly("nfs1", "images");
        assertThat(shared.disks().get(0).sizeGb()).isEqualTo(10);
        assertThat(shared.disks().get(0).format()).isEqualTo("qcow2");
        assertThat(shared.networks()).containsExactly("pool-net");
        assertThat(shared.memoryMib()).isEqualTo(512);
    }

    @Test
    void aStoragePoolTheRequestNamesWinsAndATemplateWithoutNicsGetsNone() {
        TemplateSettings given = settings(List.of(), List.of(NEW_DISK));

        TemplateSettings shared = ComputePoolShares.apply(given, "nfs1", "pool-net", true);

        assertThat(shared.disks()).extracting(TemplateDisk::pool).containsExactly("default-pool");
        assertThat(shared.networks()).isEmpty();
    }

    @Test
    void aPoolThatNamesNothingChangesNothing() {
        TemplateSettings given = settings(List.of("default"), List.of(NEW_DISK));

        assertThat(ComputePoolShares.apply(given, null, null, false)).isEqualTo(given);
    }
}
