package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.vm.GuestService;
import dev.vireo.vm.GuestSpec;
import dev.vireo.vm.VmCreateRequest;
import dev.vireo.vm.VmService;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's guests ({@code /nano/guests/…}): VMs made from a spec, known by their libvirt UUID.
 * Memory and disk sizes are in MiB.
 */
@ApplicationScoped
@Path("/nano/guests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoGuests {

    /**
     * Nano's new guest; {@code from_image}: a ready disk image's id, the system disk a thin overlay
     * of it. The other fields after {@code system_version} are Nano's and need what Vireo does not
     * have yet (address pools, QoS, guest modules): given, they are refused by name.
     */
    public record Creation(String name, String owner, String group, String pool, Integer cores, Integer memory,
                           List<Long> disks, Boolean autoStart, String system, String systemVersion,
                           String networkAddress, String ethernetAddress, String fromImage, List<Long> ports,
                           Integer cpuPriority, Long maxIo, Long inbound, Long outbound, List<String> modules,
                           Map<String, Object> cloudInit) {

        VmCreateRequest request() {
            unsupported("network_address", networkAddress, "guest addresses come with address pools");
            unsupported("ethernet_address", ethernetAddress, "guest addresses come with address pools");
            unsupported("ports", ports, "NAT ports come with address pools");
            unsupported("cpu_priority", cpuPriority, "CPU and I/O limits come later");
            unsupported("max_io", maxIo, "CPU and I/O limits come later");
            unsupported("inbound", inbound, "bandwidth limits come later");
            unsupported("outbound", outbound, "bandwidth limits come later");
            unsupported("modules", modules, "guest modules come with disk images");
            unsupported("cloud_init", cloudInit, "cloud-init comes with disk images");
            return new VmCreateRequest(name, null, null, null, null, null, null, null, pool,
                    new GuestSpec(cores, memory, disks, autoStart, system, systemVersion, owner, group, fromImage));
        }
    }

    /** What Nano answers to a creation: the new guest's id. */
    public record Created(String id) {
    }

    @EJB
    VmService vms;

    @EJB
    GuestService guests;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create a guest (name, owner, group, pool, cores, memory MiB, disks MiB [system, data…], "
            + "auto_start, system, system_version, from_image: a disk image the system disk is a thin overlay of, "
            + "copied to the cell once): 202 with its id while it is made; addresses, QoS, modules and cloud_init "
            + "are refused (NANO0003E)")
    public Response create(Creation creation) {
        if (creation == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        VmService.Creation made = vms.createWithId(creation.request());
        return Response.accepted(new Created(made.uuid())).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Nano: a guest's details: placement (pool, cell), cores, memory MiB, disks MiB, addresses, "
            + "MAC, media in its CD-ROM drive, boot order")
    public NanoGuest details(@PathParam("id") String id) {
        return NanoGuest.of(guests.get(id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Nano: delete a guest and its volumes ({\"force\": true} powers a running one off first; "
            + "without it a running guest is refused, 409 NANO0002E)")
    public Response delete(@PathParam("id") String id, String body) {
        guests.delete(id, ActionBody.optionalBooleans(body, "force").get("force"));
        return Response.noContent().build();
    }

    static void unsupported(String field, Object value, String why) {
        if (value != null) {
            throw new VireoException(ErrorCode.GUEST_OPTION_UNSUPPORTED, field, why);
        }
    }
}
