package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.vm.GuestService;
import dev.vireo.vm.VmService;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's monitor channels ({@code /nano/monitor_channels/}): a one-time ticket for Vireo's web
 * console of a running guest, with the display password set for it, both short-lived.
 */
@ApplicationScoped
@Path("/nano/monitor_channels")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoMonitorChannels {

    public record Request(String guest) {
    }

    /**
     * A channel: {@code id} the ticket, {@code websocket} where noVNC connects with it (below the
     * context root), {@code password} the display's password (in this answer only).
     */
    public record Channel(String id, String protocol, String username, String password, String websocket,
                          String validTo) {
    }

    @EJB
    GuestService guests;

    @EJB
    VmService vms;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: a channel to a running guest's display (guest: its id): a one-time web console ticket "
            + "and the display's password, valid 30 s")
    public Channel create(Request request) {
        ActionBody.required(request);
        if (request.guest() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "guest");
        }
        return open(request.guest());
    }

    @POST
    @Path("{id}")
    @Operation(summary = "Nano: a channel to the display of running guest {id}, as POST /nano/monitor_channels/ makes one")
    public Channel createFor(@PathParam("id") String id, String body) {
        String guest = ActionBody.optionalStrings(body, "guest").get("guest");
        if (guest != null && !guest.equals(id)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "guest", "the body names " + guest + ", the path " + id);
        }
        return open(id);
    }

    private Channel open(String id) {
        String name = guests.nameOf(id);
        VmService.ConsoleAccess access = vms.connect(name, null);
        String websocket = UriBuilder.fromPath("/console/vnc/{vm}").queryParam("ticket", access.ticket().secret())
                .build(name).toString();
        return new Channel(access.ticket().secret(), access.type(), "", access.passwd(), websocket,
                access.ticket().validTo().toString());
    }
}
