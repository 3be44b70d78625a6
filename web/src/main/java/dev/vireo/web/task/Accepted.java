package dev.vireo.web.task;

import dev.vireo.task.TaskView;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to a request that started a long operation: 202 with the task and its location. */
public final class Accepted {

    private Accepted() {
    }

    public static Response task(UriInfo uri, TaskView task) {
        return task(uri, task, task);
    }

    /** 202 with {@code answer} as the body (a face's own shape) and the task's location. */
    public static Response task(UriInfo uri, TaskView task, Object answer) {
        return Response.accepted(answer)
                .location(uri.getBaseUriBuilder().path(TaskResource.class).path(task.id()).build())
                .build();
    }
}
