package dev.vireo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AccessKeyServiceTest {

    @Test
    void aSessionTimeoutIsAWholeNumberOfSecondsInRangeNamedWhenRefused() {
        assertThat(AccessKeyService.sessionSeconds(null)).isEqualTo(AccessKeyService.DEFAULT_SESSION_SECONDS);
        assertThat(AccessKeyService.sessionSeconds(new BigDecimal("60"))).isEqualTo(60);
        assertThat(AccessKeyService.sessionSeconds(new BigDecimal("86400"))).isEqualTo(86_400);
        assertThat(AccessKeyService.sessionSeconds(new BigDecimal("600.0"))).isEqualTo(600);
        for (String refused : new String[] {"1000000000000", "4294967896", "59", "86401", "-600", "600.5", "1e30"}) {
            assertThatThrownBy(() -> AccessKeyService.sessionSeconds(new BigDecimal(refused))).as(refused)
                    .isInstanceOf(VireoException.class)
                    .hasMessageContaining("timeout")
                    .hasMessageContaining(new BigDecimal(refused).toPlainString())
                    .hasMessageContaining("60 to 86400");
        }
    }
}
