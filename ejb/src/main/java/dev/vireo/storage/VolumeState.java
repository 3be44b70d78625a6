package dev.vireo.storage;

import java.util.Locale;

/** Whether a volume's content is complete, or still arriving (and how). */
public enum VolumeState {
    /** Complete: nothing is filling it. */
    READY,
    /** Awaiting the chunks of an upload, which may resume at any time, also after a restart. */
    UPLOADING,
    /** Being filled from a URL by a task. */
    DOWNLOADING,
    /** A download that a server stop cut short and that could not be removed yet: delete it. */
    INTERRUPTED;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
