package dev.vireo.security;

import java.util.List;

/** A role as POST and PUT take it: Nano's {@code menu}, generalised to named permissions. */
public record RoleRequest(String name, List<String> permissions) {
}
