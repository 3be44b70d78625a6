package dev.vireo.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.VireoException;
import dev.vireo.zone.Placement.HostFacts;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HostReservationsTest {

    private final HostReservations reservations = new HostReservations();

    /** 3,072 MiB free. */
    private static final List<HostFacts> ONE_HOST = List.of(new HostFacts("cell-1", null, 4096, 1024, 0, 4, 0, 0));

    @Test
    void creationsInFlightTakeTheRoomUntilTheyRelease() {
        HostReservations.Reserved first = reservations.reserve("in compute pool p", "a", 2048, 2, ONE_HOST);
        assertThat(first.choice().freeMemoryMib()).isEqualTo(3072);
        assertThatThrownBy(() -> reservations.reserve("in compute pool p", "b", 2048, 2, ONE_HOST))
                .isInstanceOf(VireoException.class).hasMessageContaining("cell-1: memory short by 1,024 MiB");
        HostReservations.Reserved small = reservations.reserve("in compute pool p", "c", 1024, 1, ONE_HOST);
        assertThat(small.choice().freeMemoryMib()).isEqualTo(1024);
        assertThat(small.choice().freeCpus()).isEqualTo(2);

        reservations.release(first.reservation());
        assertThat(reservations.reserve("in compute pool p", "b", 2048, 2, ONE_HOST).reservation().host()).isEqualTo("cell-1");
    }

    @Test
    void creationsAtOnceNeverShareTheLastRoom() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> creations = IntStream.range(0, 16).<Callable<Boolean>>mapToObj(i -> () -> {
                try {
                    reservations.reserve("in compute pool p", "vm" + i, 1024, 1, ONE_HOST);
                    return true;
                } catch (VireoException e) {
                    return false;
                }
            }).toList();
            long placed = 0;
            for (Future<Boolean> outcome : threads.invokeAll(creations, 10, TimeUnit.SECONDS)) {
                placed += outcome.get() ? 1 : 0;
            }
            assertThat(placed).isEqualTo(3);
        } finally {
            threads.shutdownNow();
        }
    }
}
