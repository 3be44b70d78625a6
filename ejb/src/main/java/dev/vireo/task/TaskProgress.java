package dev.vireo.task;

/** How running work tells the people polling its task how far it got. */
public interface TaskProgress {

    /** For work that runs outside a task (a job's): nobody polls it. */
    TaskProgress NONE = new TaskProgress() {
        @Override
        public void report(int percent, String message) {
        }

        @Override
        public void target(String uri) {
        }
    };

    /** Records {@code percent} (0–100, never going back) and a human-readable message. */
    void report(int percent, String message);

    /** Points the task at the resource it produces, once that resource has its final URI. */
    void target(String uri);
}
