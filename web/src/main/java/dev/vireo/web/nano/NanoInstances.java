package dev.vireo.web.nano;

import dev.vireo.address.AllocationView;
import dev.vireo.vm.GuestService;
import dev.vireo.vm.GuestView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's running instances of guests ({@code /nano/instances/{id}}): status, start and stop by guest UUID. */
@RequestScoped
@Path("/nano/instances/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoInstances {

    /**
     * An instance as Nano shows it; memory and disks in MiB, {@code cell} the VM's host. Its first NIC's
     * MAC and the address its compute pool's address pool gave it ({@code internal.allocated_address});
     * media and traffic counters come with a later part (media) and are null until then.
     */
    public record Instance(String id, String name, boolean created, boolean running, String status, String owner,
                           String group, String pool, String cell, int cores, long memory, long totalDisk,
                           List<Long> disks, boolean autoStart, String ethernetAddress, String displayProtocol,
                           Map<String, String> internal, Map<String, String> external, boolean mediaAttached,
                           String mediaSource, double cpuUsage) {

        static Instance of(GuestView guest) {
            return new Instance(guest.id(), guest.name(), true, guest.running(), guest.state(), guest.owner(),
                    guest.groups().isEmpty() ? null : guest.groups().get(0), guest.pool(), guest.host(), guest.cores(),
                    guest.memory(), guest.totalDisk(), guest.disks(), guest.autostart(),
                    guest.addresses().isEmpty() ? null : guest.addresses().get(0).mac(), guest.display(),
                    internal(guest.addresses()), null, false, null, guest.cpuUsage());
        }

        private static Map<String, String> internal(List<AllocationView> addresses) {
            if (addresses.isEmpty()) {
                return null;
            }
            String address = addresses.get(0).address();
            return Map.of("network_address", address, "allocated_address", address);
        }
    }

    @EJB
    GuestService guests;

    @GET
    @Operation(summary = "Nano: a guest's running status (cores, memory MiB, disks MiB, cell, pool, running)")
    public Instance status(@PathParam("id") String id) {
        return Instance.of(guests.get(id));
    }

    @POST
    @Operation(summary = "Nano: start a guest; from_media and from_network (a one-time boot) are refused until media "
            + "images exist (NANO0003E)")
    public Instance start(@PathParam("id") String id, String body) {
        Map<String, Boolean> options = ActionBody.optionalBooleans(body, "from_media", "from_network");
        return Instance.of(guests.start(id, options.get("from_media"), options.get("from_network")));
    }

    @DELETE
    @Operation(summary = "Nano: stop a guest: a guest shutdown, with force a power-off; with reboot a guest reboot, "
            + "with reboot and force a reset")
    public Instance stop(@PathParam("id") String id, String body) {
        Map<String, Boolean> options = ActionBody.optionalBooleans(body, "reboot", "force");
        return Instance.of(guests.stop(id, options.get("reboot"), options.get("force")));
    }
}
