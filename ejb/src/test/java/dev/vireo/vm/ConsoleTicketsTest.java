package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConsoleTicketsTest {

    /** A clock the test moves by hand. */
    private static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Hands clock = new Hands();
    private final ConsoleTickets tickets = new ConsoleTickets(clock);

    @Test
    void aTicketOpensItsVmOnceForTheAccountItWasIssuedTo() {
        ConsoleTickets.Ticket ticket = tickets.issue("adm1", "admin", 30);
        assertThat(ticket.secret()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(ticket.validTo()).isEqualTo(clock.now.plusSeconds(30));
        assertThat(tickets.redeem("adm1", ticket.secret(), "admin")).isTrue();
        assertThat(tickets.redeem("adm1", ticket.secret(), "admin")).as("spent").isFalse();
    }

    @Test
    void anotherAccountOrVmNeitherUsesNorSpendsIt() {
        ConsoleTickets.Ticket ticket = tickets.issue("adm1", "admin", 30);
        assertThat(tickets.redeem("adm1", ticket.secret(), "auditor")).isFalse();
        assertThat(tickets.redeem("usr1", ticket.secret(), "admin")).isFalse();
        assertThat(tickets.redeem("adm1", "guess", "admin")).isFalse();
        assertThat(tickets.redeem("adm1", null, "admin")).isFalse();
        assertThat(tickets.redeem("adm1", ticket.secret(), "admin")).as("still the admin's").isTrue();
    }

    @Test
    void aTicketLivesAtMostThirtySecondsAndNoLongerThanAsked() {
        ConsoleTickets.Ticket asked = tickets.issue("adm1", "admin", 5);
        ConsoleTickets.Ticket capped = tickets.issue("adm1", "admin", 3600);
        assertThat(asked.validTo()).isEqualTo(clock.now.plusSeconds(5));
        assertThat(capped.validTo()).isEqualTo(clock.now.plusSeconds(ConsoleTickets.MAX_SECONDS));
        clock.now = clock.now.plus(Duration.ofSeconds(5));
        assertThat(tickets.redeem("adm1", asked.secret(), "admin")).as("expired").isFalse();
        assertThat(tickets.redeem("adm1", capped.secret(), "admin")).isTrue();
    }

    @Test
    void everyTicketIsNew() {
        assertThat(tickets.issue("adm1", "admin", 30).secret()).isNotEqualTo(tickets.issue("adm1", "admin", 30).secret());
    }
}
