package dev.vireo.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleFormatTest {

    @Test
    void instantsReadToTheSecondInUtc() {
        assertThat(new ConsoleFormat().time(Instant.parse("2026-11-25T04:07:20.123456Z"))).isEqualTo("2026-11-25 04:07:20 UTC");
        assertThat(new ConsoleFormat().time(null)).isEmpty();
    }
}
