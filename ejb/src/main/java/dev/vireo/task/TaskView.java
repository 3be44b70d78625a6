package dev.vireo.task;

import dev.vireo.persistence.task.Task;
import java.io.Serializable;
import java.time.Instant;

/** A task as the API shows it (the Kimchi task resource, with progress and times added). */
public record TaskView(String id, String status, String message, String targetUri, int progress,
                       String operation, String owner, Instant created, Instant updated) implements Serializable {

    /** The same task with its target named under another root (an API face's). */
    public TaskView withTargetUri(String uri) {
        return new TaskView(id, status, message, uri, progress, operation, owner, created, updated);
    }

    static TaskView of(Task task) {
        return new TaskView(String.valueOf(task.getId()), task.getStatus().apiName(), task.getMessage(),
                task.getTargetUri(), task.getProgress(), task.getOperation(), task.getOwner(),
                task.getCreated(), task.getUpdated());
    }
}
