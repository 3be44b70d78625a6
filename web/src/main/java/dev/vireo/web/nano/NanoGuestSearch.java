package dev.vireo.web.nano;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.vm.GuestQuery;
import dev.vireo.vm.GuestService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's guest search ({@code /nano/guest_search/}). */
@ApplicationScoped
@Path("/nano/guest_search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoGuestSearch {

    /** Nano's running statuses: the first two of its instance status pairs (stopped, running). */
    static final int STOPPED = 0;
    static final int RUNNING = 1;

    @EJB
    GuestService guests;

    @GET
    @Operation(summary = "Nano: the guests the caller may see that match every criterion given: pool, cell, owner, group, "
            + "name (a part of it), ip (an address a NIC holds), status (0 stopped, 1 running), created (every guest "
            + "found is; false finds none)")
    public List<NanoGuest> search(@QueryParam("pool") String pool, @QueryParam("cell") String cell,
                                  @QueryParam("owner") String owner, @QueryParam("group") String group,
                                  @QueryParam("name") String name, @QueryParam("ip") String ip,
                                  @QueryParam("status") String status, @QueryParam("created") String created) {
        Boolean running = status == null ? null : switch (status) {
            case "0" -> false;
            case "1" -> true;
            default -> throw new VireoException(ErrorCode.INVALID_VALUE, "status",
                    STOPPED + " (stopped) or " + RUNNING + " (running), not '" + status + "'");
        };
        if (created != null && !created.equals("true") && !created.equals("false")) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "created", "true or false, not '" + created + "'");
        }
        List<NanoGuest> found = guests.search(new GuestQuery(name, owner, group, pool, cell, ip, running)).stream()
                .map(NanoGuest::of).toList();
        // a guest still being made is no domain yet: every guest found is created
        return "false".equals(created) ? List.of() : found;
    }
}
