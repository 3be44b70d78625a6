package dev.vireo.task;

/** How running work tells the people polling its task how far it got. */
public interface TaskProgress {

    /** Records {@code percent} (0–100, never going back) and a human-readable message. */
    void report(int percent, String message);

    /** Points the task at the resource it produces, once that resource has its final URI. */
    void target(String uri);
}
