package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainCacheTest {

    private final DomainCache cache = new DomainCache();

    @Test
    void isIncompleteUntilAFullListingFillsIt() {
        assertThat(cache.isComplete()).isFalse();
        cache.replaceAll(List.of(vm("a", DomainState.RUNNING)), cache.mark());
        assertThat(cache.isComplete()).isTrue();
        assertThat(cache.all()).extracting(DomainSummary::name).containsExactly("a");
    }

    @Test
    void anEventAfterTheListingStartedWinsOverTheListing() {
        long mark = cache.mark();
        cache.put(vm("a", DomainState.PAUSED));
        cache.replaceAll(List.of(vm("a", DomainState.RUNNING)), mark);
        assertThat(cache.get("a")).map(DomainSummary::state).contains(DomainState.PAUSED);
    }

    @Test
    void anEventsReadBackThatAnActionsLaterWriteOvertookIsDropped() {
        long eventRead = cache.mark();
        cache.put(vm("a", DomainState.PAUSED));          // the action's read-back, written first
        cache.putIfNewer(vm("a", DomainState.RUNNING), eventRead);
        assertThat(cache.get("a")).map(DomainSummary::state).contains(DomainState.PAUSED);

        long laterRead = cache.mark();
        cache.putIfNewer(vm("a", DomainState.SHUTOFF), laterRead);
        assertThat(cache.get("a")).map(DomainSummary::state).contains(DomainState.SHUTOFF);
    }

    @Test
    void aDomainRemovedAfterTheListingStartedStaysRemoved() {
        cache.replaceAll(List.of(vm("a", DomainState.RUNNING)), cache.mark());
        long mark = cache.mark();
        cache.remove("a");
        cache.replaceAll(List.of(vm("a", DomainState.RUNNING)), mark);
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.isRemoved("a")).isTrue();
        assertThat(cache.all()).isEmpty();
    }

    @Test
    void aLaterListingForgetsWhatIsGoneAndBringsBackWhatReturned() {
        cache.replaceAll(List.of(vm("a", DomainState.RUNNING), vm("b", DomainState.SHUTOFF)), cache.mark());
        cache.remove("a");
        cache.replaceAll(List.of(vm("a", DomainState.SHUTOFF)), cache.mark());
        assertThat(cache.all()).extracting(DomainSummary::name).containsExactly("a");
        assertThat(cache.get("a")).map(DomainSummary::state).contains(DomainState.SHUTOFF);
        assertThat(cache.isRemoved("a")).isFalse();
    }

    @Test
    void clearingMakesItIncompleteAndEmpty() {
        cache.replaceAll(List.of(vm("a", DomainState.RUNNING)), cache.mark());
        cache.clear();
        assertThat(cache.isComplete()).isFalse();
        assertThat(cache.all()).isEmpty();
    }

    private static DomainSummary vm(String name, DomainState state) {
        DomainDefinition definition = new DomainDefinition("test", name, "uuid-" + name, "", "", 1L, 1L, 1L, 1, 1,
                null, "x86_64", List.of("hd"), false, null, List.of(), List.of(), List.of(), VireoMetadata.NONE);
        return new DomainSummary(definition, state, false, true);
    }
}
