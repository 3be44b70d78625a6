package dev.vireo.zone;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room creations in flight have taken on their hosts. Choosing a host and reserving the new
 * VM's room there are one step, so two creations at once each see the other's reservation and
 * never both take a host's last room.
 */
final class HostReservations {

    /** A host chosen, and the room reserved there. */
    record Reserved(Placement.Choice choice, Placements.Reservation reservation) {
    }

    private final Map<Long, Placements.Reservation> held = new HashMap<>();
    private long ids;

    /** Chooses among {@code hosts} (see {@link Placement#choose}) counting what is reserved on each, and reserves there. */
    synchronized Reserved reserve(String where, String vm, long memoryMib, int vcpus, List<Placement.HostFacts> hosts) {
        Placement.Choice choice = Placement.choose(where, vm, memoryMib, hosts.stream()
                .map(host -> host.reserving(memory(host.name()), cpus(host.name()))).toList());
        Placements.Reservation reservation = new Placements.Reservation(++ids, choice.host(), memoryMib, vcpus);
        held.put(reservation.id(), reservation);
        return new Reserved(choice, reservation);
    }

    synchronized void release(Placements.Reservation reservation) {
        held.remove(reservation.id());
    }

    private long memory(String host) {
        return held.values().stream().filter(r -> host.equals(r.host())).mapToLong(Placements.Reservation::memoryMib).sum();
    }

    private int cpus(String host) {
        return held.values().stream().filter(r -> host.equals(r.host())).mapToInt(Placements.Reservation::cpus).sum();
    }
}
