package dev.vireo.persistence.image;

/** How far an image's content got. Only a ready image can be downloaded or used. */
public enum ImageState {
    /** No byte yet, or an upload whose checksum did not match and was discarded. */
    EMPTY,
    /** Some bytes arrived; the next chunk goes where they end. */
    UPLOADING,
    /** A task makes its content (a capture from a VM's disk); no upload goes into it. */
    CAPTURING,
    /** All bytes arrived and their checksum is known (and matched the one declared, if any). */
    READY
}
