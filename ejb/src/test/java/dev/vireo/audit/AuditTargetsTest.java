package dev.vireo.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.security.Secrets;
import org.junit.jupiter.api.Test;

class AuditTargetsTest {

    record Request(String name, String password) {
    }

    record Nameless(int size) {
    }

    enum Action { START, POWEROFF }

    @Test
    void namesComeFromLeadingStringsEnumsAndRequestNames() {
        assertThat(AuditTargets.of(new Object[] {"pool", "vol", "ignored"}, 2)).isEqualTo("pool/vol");
        assertThat(AuditTargets.of(new Object[] {"vm", Action.POWEROFF}, 2)).isEqualTo("vm/poweroff");
        assertThat(AuditTargets.of(new Object[] {new Request("bob", "s3cret-pass")}, 1)).isEqualTo("bob");
    }

    @Test
    void nothingElseIsRecorded() {
        assertThat(AuditTargets.of(new Object[] {new Nameless(3)}, 1)).isNull();
        assertThat(AuditTargets.of(new Object[] {null, 42}, 2)).isNull();
        assertThat(AuditTargets.of(new Object[] {"bob", "s3cret-pass"}, 1)).isEqualTo("bob");
        assertThat(AuditTargets.of(new Object[0], 1)).isNull();
    }

    @Test
    void aTokenGivenInFullIsRecordedByItsPublicId() {
        Secrets.Issued token = Secrets.issue(Secrets.TOKEN_PREFIX);
        assertThat(AuditTargets.of(new Object[] {token.value()}, 1)).isEqualTo(token.id());
    }
}
