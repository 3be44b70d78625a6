package dev.vireo.web.nano;

import dev.vireo.vm.GuestPassword;
import dev.vireo.vm.GuestService;
import dev.vireo.web.vm.VmPasswordResource.PasswordRequest;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's guest user auth ({@code /nano/guest/{id}/auth}): a guest user's password, set and read back. */
@ApplicationScoped
@Path("/nano/guest/{id}/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoGuestAuth {

    /** Nano's answer: the user and the password; {@code applied} says whether the guest has it now or at next boot. */
    public record Auth(String user, String password, String applied) {

        static Auth of(GuestPassword password) {
            return new Auth(password.user(), password.password(), password.applied());
        }
    }

    @EJB
    GuestService guests;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: set a guest user's password (both optional: root or Administrator by the guest's "
            + "system, a generated password); through the guest agent while it runs, else by cloud-init at its next start")
    public Auth set(@PathParam("id") String id, PasswordRequest request) {
        return Auth.of(request == null ? guests.setPassword(id, null, null)
                : guests.setPassword(id, request.user(), request.password()));
    }

    @GET
    @Operation(summary = "Nano: the user and password last set for a guest")
    public Auth get(@PathParam("id") String id) {
        return Auth.of(guests.password(id));
    }
}
