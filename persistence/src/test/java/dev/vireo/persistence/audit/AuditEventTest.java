package dev.vireo.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    @Test
    void everyFieldIsShortenedToItsColumnAndSaysSo() {
        String huge = "x".repeat(5000);

        AuditEvent event = new AuditEvent(Instant.EPOCH, huge, huge, huge, huge, huge, huge);

        assertThat(event.getActor()).hasSize(AuditEvent.ACTOR_LENGTH).endsWith("…");
        assertThat(event.getAction()).hasSize(AuditEvent.ACTION_LENGTH).endsWith("…");
        assertThat(event.getTarget()).hasSize(AuditEvent.TARGET_LENGTH).startsWith("xxx").endsWith("x…");
        assertThat(event.getResult()).hasSize(AuditEvent.RESULT_LENGTH);
        assertThat(event.getAddress()).hasSize(AuditEvent.ADDRESS_LENGTH);
        assertThat(event.getContent()).hasSize(AuditEvent.TEXT_LENGTH);
    }

    @Test
    void whatFitsIsKeptAsItIs() {
        String target = "t".repeat(AuditEvent.TARGET_LENGTH);

        AuditEvent event = new AuditEvent(Instant.EPOCH, "admin", "vm.delete", target, "ok", null, null);

        assertThat(event.getTarget()).isEqualTo(target);
        assertThat(event.getAddress()).isNull();
        assertThat(event.getContent()).isNull();
    }

    @Test
    void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
        String emoji = "\uD83D\uDE00";
        String target = "a".repeat(AuditEvent.TARGET_LENGTH - 2) + emoji + "tail";

        String shortened = new AuditEvent(Instant.EPOCH, "admin", "vm.delete", target, "ok", null, null).getTarget();

        assertThat(shortened).endsWith("a…").hasSize(AuditEvent.TARGET_LENGTH - 1);
        assertThat(shortened.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    }
}
