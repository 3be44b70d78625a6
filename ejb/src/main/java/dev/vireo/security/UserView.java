package dev.vireo.security;

import java.time.Instant;
import java.util.List;

/** A user as the API shows it: never its password. */
public record UserView(String name, String nick, String mail, Instant created, List<String> groups, List<String> roles,
                       List<String> permissions) {
}
