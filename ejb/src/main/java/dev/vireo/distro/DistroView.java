package dev.vireo.distro;

/**
 * A distribution Vireo can install (Kimchi's Distro resource): an entry of the catalogue of
 * install media, with the URL of its image, or an ISO image on the host, with its path.
 *
 * @param osArch the architecture the media installs, null for an ISO image on the host (not read)
 */
public record DistroView(String name, String osDistro, String osVersion, String osArch, String path) {
}
