package dev.vireo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import org.junit.jupiter.api.Test;

class DomainFlagsTest {

    @Test
    void zeroAndSumsOfTheValuesLibvirtTakesPass() {
        assertThat(DomainFlags.START.parse(null)).isZero();
        assertThat(DomainFlags.START.parse("")).isZero();
        assertThat(DomainFlags.START.parse("0")).isZero();
        assertThat(DomainFlags.START.parse("16")).isEqualTo(16);
        assertThat(DomainFlags.START.parse("31")).isEqualTo(31);
        assertThat(DomainFlags.AFFECT.parse("3")).isEqualTo(3);
        assertThat(DomainFlags.DESTROY.parse("1")).isEqualTo(1);
    }

    @Test
    void anythingElseIsA400NamingTheAllowedValues() {
        for (String bad : new String[] {"32", "-1", "2", "x", "1.0", " 1", "99999999999", "0x1"}) {
            assertThatThrownBy(() -> DomainFlags.DESTROY.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(VireoException.class, e -> {
                        assertThat(e.error()).isEqualTo(ErrorCode.XEN_INVALID_FLAG);
                        assertThat(e.reason()).contains("0 (VIR_DOMAIN_DESTROY_DEFAULT)", "1 (VIR_DOMAIN_DESTROY_GRACEFUL)");
                    });
        }
        assertThatThrownBy(() -> DomainFlags.UNDEFINE.parse("8"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.reason())
                        .contains("for delete", "1 (VIR_DOMAIN_UNDEFINE_MANAGED_SAVE), 2 (VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), "
                                + "4 (VIR_DOMAIN_UNDEFINE_NVRAM)"));
    }
}
