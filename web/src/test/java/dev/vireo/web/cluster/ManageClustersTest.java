package dev.vireo.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ManageClustersTest {

    @Test
    void eachMembersOutcomeIsTheTextAfterItsNameUpToTheNextMember() {
        assertThat(ManageClusters.outcomes("cluster web: db running; app running; web-1 was running",
                List.of("db", "app", "web-1"))).containsExactly(
                java.util.Map.entry("db", "running"), java.util.Map.entry("app", "running"),
                java.util.Map.entry("web-1", "was running"));
    }

    @Test
    void aFailureReasonWithColonsAndSemicolonsStaysWhole() {
        assertThat(ManageClusters.outcomes("Cluster web did not stop: web-1 shut down; db failed: VMS0004E: Virtual"
                + " machine db does not exist; x; app powered off", List.of("db", "app", "web-1")))
                .containsEntry("db", "failed: VMS0004E: Virtual machine db does not exist; x")
                .containsEntry("app", "powered off")
                .containsEntry("web-1", "shut down");
    }

    @Test
    void aSnapshotSetsMessageNamesEachMemberAfterItsOwnPrefix() {
        assertThat(ManageClusters.outcomes("cluster web: reverted to snapshot set s1: a reverted; b failed: SNAP0001E: gone",
                List.of("a", "b", "c"))).containsEntry("a", "reverted").containsEntry("b", "failed: SNAP0001E: gone")
                .doesNotContainKey("c");
    }
}
