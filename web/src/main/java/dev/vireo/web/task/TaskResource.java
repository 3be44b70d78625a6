package dev.vireo.web.task;

import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/tasks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tasks")
public class TaskResource {

    @EJB
    TaskService tasks;

    @GET
    @Operation(summary = "Tasks, newest first; filter by status (running, finished, failed) and target_uri")
    public List<TaskView> list(@QueryParam("status") String status, @QueryParam("target_uri") String targetUri) {
        return tasks.list(status, targetUri);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One task")
    public TaskView get(@PathParam("id") String id) {
        return tasks.get(id);
    }
}
