package dev.vireo.security;

import java.util.List;

public record RoleView(String name, List<String> permissions, boolean builtin) {
}
