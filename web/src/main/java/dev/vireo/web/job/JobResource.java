package dev.vireo.web.job;

import dev.vireo.job.JobService;
import dev.vireo.job.JobUpdate;
import dev.vireo.job.JobView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Vireo's scheduled jobs: what runs when, how its last runs went; enable, disable, re-schedule, run now. */
@ApplicationScoped
@Path("/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Jobs")
public class JobResource {

    @EJB
    JobService jobs;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Every scheduled job with its schedule, whether it is enabled, its next and its last run "
            + "(start, duration in ms, result ok or failed, message); scope: cluster (one server runs it for all) or node "
            + "(every server runs it)")
    public List<JobView> list() {
        return jobs.list();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One job with its last runs, newest first")
    public JobView get(@PathParam("name") String name) {
        return jobs.get(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable a job, or re-schedule it: schedule 'every N' (N a whole number followed by "
            + "s, m, h or d; 1s to 30d) or 'daily HH:MM' (UTC); kept in the database for every server and restart")
    public JobView update(@PathParam("name") String name, JobUpdate update) {
        ActionBody.required(update);
        return jobs.update(name, update);
    }

    @POST
    @Path("{name}/run")
    @Operation(summary = "Run the job now (enabled or not): 202 with the job; its run shows in its last runs within "
            + "seconds")
    public Response run(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        JobView job = jobs.runNow(name);
        return Response.accepted(job).location(uri.getBaseUriBuilder().path(JobResource.class).path(job.name()).build())
                .build();
    }
}
