package dev.vireo.web.vm;

import dev.vireo.vm.GuestPassword;
import dev.vireo.vm.GuestPasswords;
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

/** A guest user's password ({@code /api/vms/{vm}/password}), Nano's guest user auth in the native API. */
@ApplicationScoped
@Path("/vms/{vm}/password")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "VMs")
public class VmPasswordResource {

    /** Both optional: the guest system's administrator ({@code root}, {@code Administrator}) and a generated password. */
    public record PasswordRequest(String user, String password) {
    }

    @EJB
    GuestPasswords passwords;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a guest user's password (user and password optional: the system's administrator, a "
            + "generated password): now through the QEMU guest agent of a running VM (409 GOP0010E without one), or, "
            + "for a shut-off VM, by cloud-init at its next start from a seed CD-ROM Vireo attaches (applied: now|next_boot)")
    public GuestPassword set(@PathParam("vm") String vm, PasswordRequest request) {
        return request == null ? passwords.set(vm, null, null) : passwords.set(vm, request.user(), request.password());
    }

    @GET
    @Operation(summary = "The user and password last set through Vireo (vm.manage only; 404 GOP0012E when none was)")
    public GuestPassword get(@PathParam("vm") String vm) {
        return passwords.get(vm);
    }
}
