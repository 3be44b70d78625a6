package dev.vireo.distro;

/** A distribution Vireo can install from: an ISO image on the host (Kimchi's Distro resource). */
public record DistroView(String name, String osDistro, String osVersion, String path) {
}
