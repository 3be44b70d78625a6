package dev.vireo.web.task;

import dev.vireo.task.TaskView;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answer to a request that started a long operation: 202 with the task and its location. */
public final class Accepted {

    private Accepted() {
    }

    public static Response task(UriInfo uri, TaskView task) {
        return Response.accepted(task)
                .location(uri.getBaseUriBuilder().path(TaskResource.class).path(task.id()).build())
                .build();
    }
}
