package dev.vireo.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.zone.Placement.HostFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlacementTest {

    private static HostFacts host(String name, long memoryMib, long usedMib, int cpus, int usedCpus) {
        return new HostFacts(name, null, memoryMib, usedMib, 0, cpus, usedCpus, 0);
    }

    @Test
    void theHostWithTheMostFreeMemoryTakesTheVm() {
        Placement.Choice choice = Placement.choose("in compute pool fast", "web", 1024, List.of(
                host("cell-1", 16384, 12288, 8, 0),
                host("cell-2", 16384, 4096, 8, 6),
                host("cell-3", 8192, 0, 8, 0)));
        assertThat(choice.host()).isEqualTo("cell-2");
        assertThat(choice.why()).isEqualTo("most free memory: 12,288 MiB");
    }

    @Test
    void freeCpusDecideBetweenHostsWithAsMuchFreeMemory() {
        Placement.Choice choice = Placement.choose("in compute pool fast", "web", 1024, List.of(
                host("cell-1", 8192, 0, 8, 6),
                host("cell-2", 8192, 0, 8, 2)));
        assertThat(choice.host()).isEqualTo("cell-2");
        assertThat(choice.why()).isEqualTo("most free memory: 8,192 MiB, then most free CPUs: 6");
    }

    @Test
    void reservationsOfCreationsInFlightCountAsUsed() {
        HostFacts roomy = host("cell-1", 8192, 0, 4, 0).reserving(6144, 2);
        Placement.Choice choice = Placement.choose("in compute pool fast", "web", 1024, List.of(roomy,
                host("cell-2", 4096, 0, 4, 0)));
        assertThat(choice.host()).isEqualTo("cell-2");
        assertThat(roomy.freeMemoryMib()).isEqualTo(2048);
        assertThat(roomy.freeCpus()).isEqualTo(2);
    }

    @Test
    void unavailableHostsAndHostsWithoutRoomAreSkipped() {
        Placement.Choice choice = Placement.choose("in compute pool fast", "web", 2048, List.of(
                HostFacts.unavailable("cell-1", "disabled"),
                host("cell-2", 32768, 31744, 16, 0),
                host("cell-3", 4096, 2048, 1, 4)));
        assertThat(choice.host()).isEqualTo("cell-3");
    }

    @Test
    void noHostThatFitsIsA409SayingWhyForEachHost() {
        assertThatThrownBy(() -> Placement.choose("in compute pool fast", "web", 2048, List.of(
                HostFacts.unavailable("cell-1", "disabled"),
                HostFacts.unavailable("cell-2", "down"),
                host("cell-3", 4096, 3584, 4, 0))))
                .isInstanceOfSatisfying(VireoException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.NO_HOST_FITS);
                    assertThat(e.reason()).isEqualTo("No host can take virtual machine web (2048 MiB) in compute pool fast: "
                            + "cell-1: disabled; cell-2: down; cell-3: memory short by 1,536 MiB");
                });
        assertThatThrownBy(() -> Placement.choose("in compute pool empty", "web", 512, List.of()))
                .hasMessageContaining("it has no hosts");
    }

    @Test
    void aVmThatFillsTheHostExactlyFits() {
        assertThat(Placement.choose("on host cell-1", "web", 2048, List.of(host("cell-1", 4096, 2048, 2, 2))).host())
                .isEqualTo("cell-1");
    }
}
