package dev.vireo.task;

/** The body of a long operation. It runs on the task executor, outside the caller's transaction. */
@FunctionalInterface
public interface TaskWork {

    /**
     * Does the work, reporting progress as it goes.
     *
     * @return the message the finished task shows
     * @throws Exception any failure; the task ends {@code failed} with the failure's reason
     */
    String run(TaskProgress progress) throws Exception;
}
