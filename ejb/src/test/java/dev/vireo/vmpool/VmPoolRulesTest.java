package dev.vireo.vmpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VmPoolRulesTest {

    @Test
    void aliasesAreNamesNamedOnceAndNotThePoolsOwn() {
        assertThat(VmPoolRules.aliases("debian-7", List.of("deb7", "debian7"))).containsExactly("deb7", "debian7");
        assertThatThrownBy(() -> VmPoolRules.aliases("debian-7", List.of("deb7", "deb7")))
                .isInstanceOf(VireoException.class).hasMessageContaining("named twice");
        assertThatThrownBy(() -> VmPoolRules.aliases("debian-7", List.of("debian-7"))).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> VmPoolRules.aliases("debian-7", List.of("a+b"))).isInstanceOf(VireoException.class);
    }

    @Test
    void sizesAndLifetimesHaveBounds() {
        assertThat(VmPoolRules.size(0)).isZero();
        assertThat(VmPoolRules.size(VmPoolRules.MAX_SIZE)).isEqualTo(VmPoolRules.MAX_SIZE);
        assertThatThrownBy(() -> VmPoolRules.size(-1)).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> VmPoolRules.size(VmPoolRules.MAX_SIZE + 1)).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> VmPoolRules.hours("lifetime", 0)).hasMessageContaining("lifetime");
        assertThatThrownBy(() -> VmPoolRules.lifetimes(13, 12)).hasMessageContaining("default_lifetime");
    }

    @Test
    void domainsAreDnsNamesInLowerCase() {
        assertThat(VmPoolRules.domain("Delivery.PuppetLabs.net")).isEqualTo("delivery.puppetlabs.net");
        assertThat(VmPoolRules.domain("")).isNull();
        for (String bad : List.of("a..b", "-a.b", "a_b.c", "a b", "x".repeat(64) + ".com", "a/b")) {
            assertThatThrownBy(() -> VmPoolRules.domain(bad)).as(bad).isInstanceOf(VireoException.class);
        }
    }

    @Test
    void tagsHaveNamedKeysAndShortTextValues() {
        VmPoolRules.tags(Map.of("department", "engineering", "user.name", "jdoe"));
        assertThatThrownBy(() -> VmPoolRules.tags(Map.of("bad key", "x"))).hasMessageContaining("bad key");
        assertThatThrownBy(() -> VmPoolRules.tags(Map.of("k", "a\nb"))).isInstanceOf(VireoException.class);
        assertThatThrownBy(() -> VmPoolRules.tags(Map.of("k", "x".repeat(256)))).isInstanceOf(VireoException.class);
    }

    @Test
    void theBackOffDoublesUpToHalfAnHour() {
        assertThat(PoolVms.backOff(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(PoolVms.backOff(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PoolVms.backOff(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(PoolVms.backOff(9)).isEqualTo(Duration.ofMinutes(30));
        assertThat(PoolVms.backOff(1000)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void hostnamesAreVmpoolersFifteenCharacters() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = PoolVms.newHostname();
            assertThat(name).matches("[a-z][a-z0-9]{14}");
            names.add(name);
        }
        assertThat(names).hasSize(1000);
    }
}
