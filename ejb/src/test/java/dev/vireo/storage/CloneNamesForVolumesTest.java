package dev.vireo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.validation.CloneNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Volume clones keep their extension: {@code disk-clone1.qcow2}. */
class CloneNamesForVolumesTest {

    @Test
    void theNumberGoesBeforeTheExtension() {
        assertThat(CloneNames.nextKeepingExtension("disk.qcow2", List.of("disk.qcow2"))).isEqualTo("disk-clone1.qcow2");
        assertThat(CloneNames.nextKeepingExtension("disk.qcow2", List.of("disk-clone1.qcow2", "disk-clone4.qcow2",
                "disk-clone9.raw"))).isEqualTo("disk-clone5.qcow2");
    }

    @Test
    void namesWithoutExtensionFollowTheTemplateRule() {
        assertThat(CloneNames.nextKeepingExtension("data", List.of("data-clone1"))).isEqualTo("data-clone2");
        assertThat(CloneNames.nextKeepingExtension(".hidden", List.of())).isEqualTo(".hidden-clone1");
    }
}
