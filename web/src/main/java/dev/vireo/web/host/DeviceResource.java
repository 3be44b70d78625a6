package dev.vireo.web.host;

import dev.vireo.host.DeviceService;
import dev.vireo.host.DeviceView;
import dev.vireo.host.VmHolderView;
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
@Path("/host/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Host")
public class DeviceResource {

    @EJB
    DeviceService devices;

    @GET
    @Operation(summary = "The host's devices; filters _cap, _passthrough, _passthrough_affected_by, _available_only")
    public List<DeviceView> list(@QueryParam("_cap") String capability, @QueryParam("_passthrough") String passthrough,
                                 @QueryParam("_passthrough_affected_by") String affectedBy,
                                 @QueryParam("_available_only") String availableOnly) {
        return devices.list(capability, passthrough, affectedBy, availableOnly);
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One host device")
    public DeviceView get(@PathParam("name") String name) {
        return devices.get(name);
    }

    @GET
    @Path("{name}/vmholders")
    @Operation(summary = "The VMs the device is assigned to")
    public List<VmHolderView> holders(@PathParam("name") String name) {
        return devices.holders(name);
    }

    @GET
    @Path("{name}/vmholders/{vm}")
    @Operation(summary = "One VM the device is assigned to")
    public VmHolderView holder(@PathParam("name") String name, @PathParam("vm") String vm) {
        return devices.holder(name, vm);
    }
}
