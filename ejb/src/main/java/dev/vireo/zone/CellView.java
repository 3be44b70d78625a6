package dev.vireo.zone;

import java.util.List;

/** A host in its compute pool, with the pool's storage as the host has it (Nano's cell config). */
public record CellView(ManagedHostView host, List<Storage> storage) {

    /** The pool's storage on the host: attached when defined and active there; else why not. */
    public record Storage(String name, boolean attached, String error) {
    }
}
