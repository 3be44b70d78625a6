package dev.vireo.vm;

/** New media for a CD-ROM drive: an ISO volume's path, a URL, or "" to eject. */
public record MediaRequest(String path) {
}
