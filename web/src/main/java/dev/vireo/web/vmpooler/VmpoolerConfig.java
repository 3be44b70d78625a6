package dev.vireo.web.vmpooler;

import dev.vireo.vmpool.VmPoolRequest;
import dev.vireo.vmpool.VmPoolService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * vmpooler's pool configuration changes at run time ({@code /config/poolsize},
 * {@code /config/pooltemplate}, {@code /poolreset}, {@code /restart}): kept in the database, so they
 * outlive a restart.
 */
@ApplicationScoped
@Path(VmpoolerFace.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vmpooler")
public class VmpoolerConfig {

    @EJB
    VmPoolService pools;

    @POST
    @Path("config/poolsize")
    @Operation(summary = "vmpooler: new sizes of pools ({\"debian-7\": \"2\"}): 201 when one changed, 200 when none did, "
            + "404 for an unknown pool, 400 for an invalid size; all or none")
    public Response poolSize(String body) {
        Map<String, VmPoolRequest> changes = new LinkedHashMap<>();
        VmpoolerBodies.sizes(body).forEach((pool, size) ->
                changes.put(pool, new VmPoolRequest(null, null, null, size, null, null, null, null, null)));
        return changed(pools.changeEach(changes));
    }

    @POST
    @Path("config/pooltemplate")
    @Operation(summary = "vmpooler: new templates of pools ({\"debian-7\": \"debian-7-v2\"}): their ready and pending "
            + "VMs are replaced by clones of the new template; 201 when one changed, 200 when none did, 404 for an unknown "
            + "pool, 400 for a template that does not exist")
    public Response poolTemplate(String body) {
        Map<String, VmPoolRequest> changes = new LinkedHashMap<>();
        VmpoolerBodies.templates(body).forEach((pool, template) ->
                changes.put(pool, new VmPoolRequest(null, null, template, null, null, null, null, null, null)));
        return changed(pools.changeEach(changes));
    }

    @POST
    @Path("poolreset")
    @Operation(summary = "vmpooler: destroy the ready and pending VMs of the pools named ({\"debian-7\": \"1\"}) and "
            + "clone new ones; 201; 404 for an unknown pool")
    public Response reset(String body) {
        pools.reset(List.copyOf(VmpoolerBodies.sizes(body).keySet()));
        return Response.status(Response.Status.CREATED).entity(VmpoolerVms.ok()).build();
    }

    @GET
    @Path("restart")
    @Operation(summary = "vmpooler: re-read the pools' configuration and reconcile every pool with it now; Vireo keeps "
            + "it in the database, so the server is not restarted")
    public Map<String, Object> restart() {
        int count = pools.reread();
        Map<String, Object> answer = VmpoolerVms.ok();
        answer.put("message", "Re-read the configuration of " + count + (count == 1 ? " pool" : " pools")
                + "; the server goes on running");
        return answer;
    }

    private static Response changed(boolean changed) {
        return Response.status(changed ? Response.Status.CREATED : Response.Status.OK).entity(VmpoolerVms.ok()).build();
    }
}
