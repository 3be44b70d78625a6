package dev.vireo.address;

/**
 * An address taken by hand for something Vireo does not make (a router, a physical machine): the
 * one named, or the first free one of the pool's internal ranges.
 *
 * @param instance who holds it (a name)
 * @param address  the address wanted; null for the first free one
 * @param mac      the holder's MAC address, if known
 */
public record AddressReservation(String instance, String address, String mac) {
}
