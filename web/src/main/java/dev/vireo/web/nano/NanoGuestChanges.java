package dev.vireo.web.nano;

import dev.vireo.vm.GuestService;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's changes to a guest ({@code /nano/guest/{id}/…}): cores, memory, disk sizes and name.
 * Memory and disk sizes are in bytes here, as Nano gives them.
 */
@ApplicationScoped
@Path("/nano/guest/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoGuestChanges {

    public record Cores(Integer cores, Boolean immediate) {
    }

    public record Memory(Long memory, Boolean immediate) {
    }

    public record DiskSize(Long size, Boolean immediate) {
    }

    public record Name(String name) {
    }

    /**
     * A guest after a change of size: {@code immediate} says whether the running guest has it now;
     * when false it takes it at its next start, and {@code pending} names what waits.
     */
    public record Resized(NanoGuest guest, boolean immediate, String takesEffect, List<String> pending) {

        static Resized of(GuestService.Resized resized) {
            return new Resized(NanoGuest.of(resized.guest()), resized.immediate(),
                    resized.immediate() || !resized.guest().running() ? "now" : "next_start",
                    resized.pendingUntilRestart());
        }
    }

    @EJB
    GuestService guests;

    @PUT
    @Path("cores")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: set a guest's cores; immediate: a running guest gets them now where libvirt can "
            + "(immediate false in the answer when it takes them at its next start, pending naming what waits)")
    public Resized cores(@PathParam("id") String id, Cores cores) {
        ActionBody.required(cores);
        return Resized.of(guests.setCores(id, cores.cores(), Boolean.TRUE.equals(cores.immediate())));
    }

    @PUT
    @Path("memory")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: set a guest's memory in bytes (whole MiB); immediate as for cores")
    public Resized memory(@PathParam("id") String id, Memory memory) {
        ActionBody.required(memory);
        return Resized.of(guests.setMemory(id, memory.memory(), Boolean.TRUE.equals(memory.immediate())));
    }

    @PUT
    @Path("disks/resize/{disk}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: grow disk {disk} (0 system, 1 the first data disk, …) of a shut-off guest to size bytes "
            + "(409 VMS0005E while it runs; a smaller size is a shrink, refused GOP0004E)")
    public NanoGuest resizeDisk(@PathParam("id") String id, @PathParam("disk") String disk, DiskSize size) {
        ActionBody.required(size);
        return NanoGuest.of(guests.resizeDisk(id, disk, size.size()));
    }

    @PUT
    @Path("disks/shrink/{disk}")
    @Operation(summary = "Nano: shrink disk {disk}: always refused (409 GOP0004E saying why): Vireo cannot see from the "
            + "host whether the guest's file systems leave the end of the disk unused")
    public NanoGuest shrinkDisk(@PathParam("id") String id, @PathParam("disk") String disk, String body) {
        ActionBody.optionalBooleans(body, "immediate");
        return NanoGuest.of(guests.shrinkDisk(id, disk));
    }

    @PUT
    @Path("name")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: rename a shut-off guest (its id stays)")
    public NanoGuest rename(@PathParam("id") String id, Name name) {
        ActionBody.required(name);
        return NanoGuest.of(guests.rename(id, name.name()));
    }
}
