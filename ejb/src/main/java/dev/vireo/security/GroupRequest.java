package dev.vireo.security;

import java.util.List;

/** A user group as POST and PUT take it (Nano's fields: {@code display}, {@code role}). */
public record GroupRequest(String name, String display, List<String> role) {
}
