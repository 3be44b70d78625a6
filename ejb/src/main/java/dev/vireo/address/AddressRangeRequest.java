package dev.vireo.address;

/** A range to add: {@code start} to {@code end} inclusive, in the subnet {@code netmask} draws (Nano puts the start in the path). */
public record AddressRangeRequest(String start, String end, String netmask) {
}
