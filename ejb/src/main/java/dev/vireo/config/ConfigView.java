package dev.vireo.config;

/** The Kimchi configuration resource. */
public record ConfigView(String version, boolean withSpiceWebClient) {
}
