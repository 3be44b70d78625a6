package dev.vireo.security;

import java.util.List;

/** A user group with its roles and members (Nano's Get Group). */
public record GroupView(String name, String display, List<String> role, List<String> member) {

    /** A group in a list (Nano's List Groups): the number of members only. */
    public record Summary(String name, String display, int member) {
    }
}
