package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The secrets and lifetimes of console tickets; spending them is ConsoleTicketTest's (persistence) and the ITs'. */
class ConsoleTicketsTest {

    @Test
    void aSecretIs32RandomBytesUrlSafe() {
        assertThat(ConsoleTickets.newSecret()).hasSize(43).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void everyTicketIsNew() {
        assertThat(ConsoleTickets.newSecret()).isNotEqualTo(ConsoleTickets.newSecret());
    }

    @Test
    void aTicketLivesAtMostThirtySecondsAndNoLongerThanAsked() {
        assertThat(ConsoleTickets.lifetime(5)).isEqualTo(5);
        assertThat(ConsoleTickets.lifetime(3600)).isEqualTo(ConsoleTickets.MAX_SECONDS);
        assertThat(ConsoleTickets.lifetime(0)).isEqualTo(1);
    }
}
