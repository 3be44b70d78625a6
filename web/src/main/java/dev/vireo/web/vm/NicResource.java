package dev.vireo.web.vm;

import dev.vireo.vm.NicRequest;
import dev.vireo.vm.NicView;
import dev.vireo.vm.VmNicService;
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

@ApplicationScoped
@Path("/vms/{vm}/ifaces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "VM network interfaces")
public class NicResource {

    @EJB
    VmNicService nics;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The VM's network interfaces, with the addresses their networks leased and its guest agent reports")
    public List<NicView> list(@PathParam("vm") String vm) {
        return nics.list(vm);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach an interface to a libvirt network (network, model, optional unicast mac); 201, hot on a running VM")
    public Response attach(@PathParam("vm") String vm, NicRequest request) {
        ActionBody.required(request);
        VmNicService.Changed attached = nics.attach(vm, request);
        return Pending.warn(Response.created(uri.getAbsolutePathBuilder().path(attached.nic().mac()).build())
                .entity(attached.nic()), attached.pendingUntilRestart()).build();
    }

    @GET
    @Path("{mac}")
    @Operation(summary = "One network interface, by MAC address")
    public NicView get(@PathParam("vm") String vm, @PathParam("mac") String mac) {
        return nics.get(vm, mac);
    }

    @PUT
    @Path("{mac}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the model (persistent) or the network (live and persistent)")
    public Response update(@PathParam("vm") String vm, @PathParam("mac") String mac, NicRequest request) {
        ActionBody.required(request);
        VmNicService.Changed changed = nics.update(vm, mac, request);
        return Pending.warn(Response.ok(changed.nic()), changed.pendingUntilRestart()).build();
    }

    @DELETE
    @Path("{mac}")
    @Operation(summary = "Detach a network interface")
    public Response detach(@PathParam("vm") String vm, @PathParam("mac") String mac) {
        return Pending.warn(Response.noContent(), nics.detach(vm, mac)).build();
    }
}
