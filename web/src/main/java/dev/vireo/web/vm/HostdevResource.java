package dev.vireo.web.vm;

import dev.vireo.vm.HostdevRequest;
import dev.vireo.vm.HostdevView;
import dev.vireo.vm.VmHostdevService;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
@Path("/vms/{vm}/hostdevs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "VM host devices")
public class HostdevResource {

    @EJB
    VmHostdevService hostdevs;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The host devices assigned to the VM (name, type)")
    public List<HostdevView> list(@PathParam("vm") String vm) {
        return hostdevs.list(vm);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign a host PCI, USB or SCSI device by name; 201, hot on a running VM where libvirt can; "
            + "a PCI device brings the rest of its IOMMU group; 409 when another VM holds one")
    public Response attach(@PathParam("vm") String vm, HostdevRequest request) {
        ActionBody.required(request);
        VmHostdevService.Changed attached = hostdevs.attach(vm, request);
        return Pending.warn(Response.created(uri.getAbsolutePathBuilder().path(attached.hostdev().name()).build())
                .entity(attached.hostdev()), attached.pendingUntilRestart()).build();
    }

    @GET
    @Path("{dev}")
    @Operation(summary = "One assigned host device, by its host device name")
    public HostdevView get(@PathParam("vm") String vm, @PathParam("dev") String dev) {
        return hostdevs.get(vm, dev);
    }

    @DELETE
    @Path("{dev}")
    @Operation(summary = "Detach a host device (live and persistent), with its IOMMU group companions")
    public Response detach(@PathParam("vm") String vm, @PathParam("dev") String dev) {
        return Pending.warn(Response.noContent(), hostdevs.detach(vm, dev)).build();
    }
}
