package dev.vireo.web.vmpool;

import dev.vireo.vmpool.PoolVmView;
import dev.vireo.vmpool.VmPoolRequest;
import dev.vireo.vmpool.VmPoolService;
import dev.vireo.vmpool.VmPoolView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** VM pools: ready VMs cloned from a template, handed out through vmpooler's API ({@code /vmpooler/api/v1}). */
@ApplicationScoped
@Path("/vmpools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "VM pools")
public class VmPoolResource {

    @EJB
    VmPoolService pools;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The VM pools, each with how many of its VMs are ready, pending, running (checked out) and retiring")
    public List<VmPoolView> list() {
        return pools.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a VM pool (name, template, size, aliases, default_lifetime and max_lifetime in hours, "
            + "computepool or host, domain); its VMs are cloned and started in the background; 201")
    public Response create(VmPoolRequest request) {
        ActionBody.required(request);
        VmPoolView created = pools.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One VM pool (by name or alias)")
    public VmPoolView get(@PathParam("name") String name) {
        return pools.get(name);
    }

    @GET
    @Path("{name}/vms")
    @Operation(summary = "The pool's VMs: host name, state (pending, ready, running, retiring with its reason), host, "
            + "and once checked out by whom, lifetime and tags")
    public List<PoolVmView> vms(@PathParam("name") String name) {
        return pools.vms(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a VM pool's fields; a new template replaces its ready and pending VMs")
    public VmPoolView update(@PathParam("name") String name, VmPoolRequest request) {
        ActionBody.required(request);
        return pools.update(name, request);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a VM pool and destroy its ready and pending VMs; 409 while it has checked-out VMs")
    public Response delete(@PathParam("name") String name) {
        pools.delete(name);
        return Response.noContent().build();
    }
}
