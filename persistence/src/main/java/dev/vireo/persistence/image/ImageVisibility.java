package dev.vireo.persistence.image;

/** Who may see and use an image besides its owner (and those who see everything). */
public enum ImageVisibility {
    /** Its owner only. */
    PRIVATE,
    /** The members of its group. */
    GROUP,
    /** Everyone. */
    PUBLIC
}
