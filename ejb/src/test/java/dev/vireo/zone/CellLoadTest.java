package dev.vireo.zone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VireoMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellLoadTest {

    @Test
    void runningPausedAndStoppingDomainsTakeTheirCurrentMemoryAndVcpusShutOffOnesNothing() {
        CellLoad load = CellLoad.of(List.of(domain("a", DomainState.RUNNING, 512, 2), domain("b", DomainState.PAUSED, 256, 1),
                domain("c", DomainState.SHUTDOWN, 128, 1), domain("d", DomainState.SHUTOFF, 4096, 8),
                domain("e", DomainState.CRASHED, 1024, 4), domain("f", DomainState.BLOCKED, 64, 1)));

        assertThat(load).isEqualTo(new CellLoad(512 + 256 + 128 + 64, 2 + 1 + 1 + 1));
    }

    @Test
    void noDomainsTakeNothing() {
        assertThat(CellLoad.of(List.of())).isEqualTo(new CellLoad(0, 0));
    }

    private static DomainSummary domain(String name, DomainState state, long currentMib, int vcpus) {
        long current = currentMib * Units.MIB;
        DomainDefinition definition = new DomainDefinition("test", name, "uuid-" + name, "", "", 2 * current, current,
                2 * current, vcpus, vcpus, null, "x86_64", List.of(), false, null, List.of(), List.of(), List.of(),
                VireoMetadata.NONE);
        return new DomainSummary(definition, state, false, true);
    }
}
