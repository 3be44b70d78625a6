package dev.vireo.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    @Test
    void instantsReadToTheSecondInUtc() {
        assertThat(new ConsoleFormat().time(Instant.parse("2026-11-25T04:07:20.123456Z"))).isEqualTo("2026-11-25 04:07:20 UTC");
        assertThat(new ConsoleFormat().time(null)).isEmpty();
    }

    @Test
    void aCommaSeparatedFieldIsTheNamesItHolds() {
        assertThat(ConsoleFormat.list(" default, net-2 ,, ")).isEqualTo(List.of("default", "net-2"));
        assertThat(ConsoleFormat.list("  ")).isEmpty();
        assertThat(ConsoleFormat.list(null)).isEmpty();
    }
}
