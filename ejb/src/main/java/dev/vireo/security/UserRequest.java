package dev.vireo.security;

import java.util.List;

/**
 * A user as POST and PUT take it (Nano's fields). {@code password} only on POST (PUT changes it
 * through the password resource); {@code groups} defaults to the built-in {@code users} group.
 */
public record UserRequest(String name, String nick, String mail, String password, List<String> groups) {
}
