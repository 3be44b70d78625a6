package dev.vireo.vmpool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.vmpool.HostCloneSlots.Grant;
import dev.vireo.vmpool.HostCloneSlots.Want;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostCloneSlotsTest {

    @Test
    void aHostRunsOneClonePerCpuAndAtLeastTwoUnlessConfigured() {
        assertThat(HostCloneSlots.limit(0, 1)).isEqualTo(2);
        assertThat(HostCloneSlots.limit(0, 2)).isEqualTo(2);
        assertThat(HostCloneSlots.limit(0, 16)).isEqualTo(16);
        assertThat(HostCloneSlots.limit(3, 16)).isEqualTo(3);
        assertThat(HostCloneSlots.limit(-1, 8)).isEqualTo(8);
    }

    @Test
    void twoPoolsOnOneHostShareItsSlotsInTurnWhateverTheyEachWant() {
        List<Grant> grants = HostCloneSlots.share(Map.of("small", 2),
                List.of(new Want(1, 4, 0, List.of("small")), new Want(2, 4, 0, List.of("small"))));
        assertThat(grants).containsExactly(new Grant(1, "small"), new Grant(2, "small"));
    }

    @Test
    void thePoolWithFewerClonesInFlightGetsTheFreeSlotsFirst() {
        // pool 1 holds three of the host's four slots: the one left goes to pool 2
        assertThat(HostCloneSlots.share(Map.of("h", 1),
                List.of(new Want(1, 4, 3, List.of("h")), new Want(2, 4, 0, List.of("h")))))
                .containsExactly(new Grant(2, "h"));
        // levelled: 0 + 3 against 2 + 1
        assertThat(HostCloneSlots.share(Map.of("h", 4),
                List.of(new Want(1, 9, 0, List.of("h")), new Want(2, 9, 2, List.of("h")))))
                .containsExactly(new Grant(1, "h"), new Grant(1, "h"), new Grant(1, "h"), new Grant(2, "h"));
    }

    @Test
    void aPoolNeverGetsMoreThanItWantsNorAHostMoreThanItsFreeSlots() {
        List<Grant> grants = HostCloneSlots.share(Map.of("h", 8),
                List.of(new Want(1, 1, 0, List.of("h")), new Want(2, 2, 0, List.of("h"))));
        assertThat(grants).containsExactlyInAnyOrder(new Grant(1, "h"), new Grant(2, "h"), new Grant(2, "h"));
        assertThat(HostCloneSlots.share(Map.of("h", 0), List.of(new Want(1, 5, 0, List.of("h"))))).isEmpty();
        // a host at or over its limit (it was lowered meanwhile) gives nothing
        assertThat(HostCloneSlots.share(Map.of("h", -2), List.of(new Want(1, 5, 0, List.of("h"))))).isEmpty();
        assertThat(HostCloneSlots.share(Map.of("h", 3), List.of(new Want(1, 0, 0, List.of("h"))))).isEmpty();
    }

    @Test
    void aPoolSpanningHostsSpreadsItsClonesOverTheFreestHosts() {
        List<Grant> grants = HostCloneSlots.share(Map.of("a", 1, "b", 3),
                List.of(new Want(1, 4, 0, List.of("a", "b"))));
        assertThat(grants).containsExactly(new Grant(1, "b"), new Grant(1, "b"), new Grant(1, "a"), new Grant(1, "b"));
        // a host no pool may use keeps its slots; a pool whose hosts are full gets nothing
        assertThat(HostCloneSlots.share(Map.of("a", 0, "b", 2),
                List.of(new Want(1, 3, 0, List.of("a")), new Want(2, 3, 5, List.of("b")))))
                .containsExactly(new Grant(2, "b"), new Grant(2, "b"));
    }
}
