package dev.vireo.distro;

/** An operating system as the Kimchi API names it: {@code fedora} {@code 40}, {@code ubuntu} {@code 24.04}. */
public record Distro(String osDistro, String osVersion) {

    public static final Distro UNKNOWN = new Distro("unknown", "unknown");
}
