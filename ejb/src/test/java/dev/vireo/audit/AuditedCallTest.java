package dev.vireo.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AuditedCallTest {

    @Test
    void theInnermostAuditedCallOfThisThreadIsCurrentUntilItEnds() {
        assertThat(AuditedCall.current()).isEmpty();
        AuditedCall.enter(new AuditedCall("vm.create", "web-01"));
        try {
            AuditedCall.enter(new AuditedCall("storagevolume.create", "default/a.img"));
            try {
                assertThat(AuditedCall.current()).contains(new AuditedCall("storagevolume.create", "default/a.img"));
            } finally {
                AuditedCall.leave();
            }
            assertThat(AuditedCall.current()).contains(new AuditedCall("vm.create", "web-01"));
        } finally {
            AuditedCall.leave();
        }
        assertThat(AuditedCall.current()).isEmpty();
    }

    @Test
    void anotherThreadDoesNotSeeIt() {
        AuditedCall.enter(new AuditedCall("vm.clone", "web-01"));
        try {
            Optional<AuditedCall> elsewhere = CompletableFuture.supplyAsync(AuditedCall::current).join();
            assertThat(elsewhere).isEmpty();
        } finally {
            AuditedCall.leave();
        }
    }
}
