package dev.vireo.web.vmpooler;

import dev.vireo.vmpool.OnDemandRequests;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** vmpooler's on-demand VMs ({@code /vmpooler/api/v1/ondemandvm…}), in its shapes. */
@ApplicationScoped
@Path(VmpoolerFace.ROOT + "/ondemandvm")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vmpooler")
public class VmpoolerOnDemand {

    @EJB
    OnDemandRequests requests;

    @POST
    @Operation(summary = "vmpooler: ask for VMs of pools to be cloned for the caller ({\"debian-7\": \"4\"}, optionally "
            + "\"request_id\"); 201 with the request id; 400 for a body that is no such object, 403 beyond the per-pool "
            + "maximum, 404 for an unknown pool, 409 for a request id taken")
    public Response create(String body) {
        String requestId = requests.create(VmpoolerBodies.onDemand(body));
        Map<String, Object> answer = VmpoolerVms.ok();
        answer.put("request_id", requestId);
        return Response.status(Response.Status.CREATED).entity(answer).build();
    }

    @GET
    @Path("{requestId}")
    @Operation(summary = "vmpooler: where an on-demand request is: 202 with ready and pending counts per pool while "
            + "its VMs are made, 200 with their host names once all run (or with a message when it failed or was "
            + "deleted); 404 for an unknown request")
    public Response status(@PathParam("requestId") String requestId) {
        OnDemandRequests.Status status = requests.status(requestId);
        Map<String, Object> answer = VmpoolerVms.ok();
        answer.put("request_id", status.requestId());
        answer.put("ready", status.ready());
        if (status.message() != null) {
            answer.put("message", status.message());
        }
        status.pools().forEach((pool, progress) -> {
            Map<String, Object> counts = new LinkedHashMap<>();
            if (status.ready()) {
                counts.put("hostname", progress.hostnames());
            } else {
                counts.put("ready", Integer.toString(progress.ready()));
                counts.put("pending", Integer.toString(progress.pending()));
            }
            answer.put(pool, counts);
        });
        if (status.ready() && status.domain() != null) {
            answer.put("domain", status.domain());
        }
        return Response.status("pending".equals(status.state()) ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(answer).build();
    }

    @DELETE
    @Path("{requestId}")
    @Operation(summary = "vmpooler: delete an on-demand request and destroy its VMs; 200 (saying so when it was "
            + "deleted already); 404 for an unknown request")
    public Map<String, Object> delete(@PathParam("requestId") String requestId) {
        Map<String, Object> answer = VmpoolerVms.ok();
        if (!requests.delete(requestId)) {
            answer.put("message", "The request has already been deleted");
        }
        return answer;
    }
}
