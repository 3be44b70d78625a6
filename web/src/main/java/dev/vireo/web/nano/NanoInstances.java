package dev.vireo.web.nano;

import dev.vireo.address.AllocationView;
import dev.vireo.vm.GuestService;
import dev.vireo.vm.GuestView;
import dev.vireo.web.ActionBody;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.task.TaskView;
import dev.vireo.vm.SnapshotService;
import dev.vireo.vm.SnapshotView;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's running instances of guests ({@code /nano/instances/{id}}): status, start and stop by guest UUID. */
@ApplicationScoped
@Path("/nano/instances/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoInstances {

    /**
     * An instance as Nano shows it; memory and disks in MiB, {@code cell} the VM's host. Its first NIC's
     * MAC, the address its compute pool's address pool gave it ({@code internal.allocated_address}, else
     * the first address its NICs hold now) and the media in its drive; traffic counters stay null.
     */
    public record Instance(String id, String name, boolean created, boolean running, String status, String owner,
                           String group, String pool, String cell, int cores, long memory, long totalDisk,
                           List<Long> disks, boolean autoStart, String ethernetAddress, String displayProtocol,
                           Map<String, String> internal, Map<String, String> external, boolean mediaAttached,
                           String mediaSource, double cpuUsage) {

        static Instance of(GuestView guest) {
            return new Instance(guest.id(), guest.name(), true, guest.running(), guest.state(), guest.owner(),
                    guest.groups().isEmpty() ? null : guest.groups().get(0), guest.pool(), guest.host(), guest.cores(),
                    guest.memory(), guest.totalDisk(), guest.disks(), guest.autostart(), guest.ethernetAddress(),
                    guest.display(), NanoGuest.internal(guest), null, guest.media() != null, guest.media(),
                    guest.cpuUsage());
        }
    }

    @EJB
    GuestService guests;

    @EJB
    SnapshotService snapshots;

    @GET
    @Operation(summary = "Nano: a guest's running status (cores, memory MiB, disks MiB, cell, pool, running)")
    public Instance status(@PathParam("id") String id) {
        return Instance.of(guests.get(id));
    }

    @POST
    @Operation(summary = "Nano: start a guest from its disks, or once from media (from_media; source: an ISO volume's "
            + "path or a URL, loaded first) or the network (from_network); the next start boots as before")
    public Instance start(@PathParam("id") String id, String body) {
        ActionBody.Options start = ActionBody.optionalOptions(body, Set.of("from_media", "from_network"), Set.of("source"));
        return Instance.of(guests.start(id, start.flag("from_media"), start.flag("from_network"), start.text("source")));
    }

    @DELETE
    @Operation(summary = "Nano: stop a guest: a guest shutdown, with force a power-off; with reboot a guest reboot, "
            + "with reboot and force a reset")
    public Instance stop(@PathParam("id") String id, String body) {
        Map<String, Boolean> options = ActionBody.optionalBooleans(body, "reboot", "force");
        return Instance.of(guests.stop(id, options.get("reboot"), options.get("force")));
    }

    /** Media for a guest's CD-ROM drive: {@code source} an ISO volume's path or a URL; {@code type} 0 (a media image). */
    public record Media(String source, Integer type) {
    }

    @POST
    @Path("media")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: insert media (source: an ISO volume's path or a URL) into the guest's CD-ROM drive, "
            + "adding a drive when it has none")
    public Instance insertMedia(@PathParam("id") String id, Media media) {
        ActionBody.required(media);
        return Instance.of(guests.insertMedia(id, media.source(), media.type()));
    }

    @DELETE
    @Path("media")
    @Operation(summary = "Nano: eject the media from the guest's CD-ROM drive")
    public Instance ejectMedia(@PathParam("id") String id, String body) {
        ActionBody.requireNoParameters(body);
        return Instance.of(guests.ejectMedia(id));
    }

    public record SnapshotCreation(String name, String description) {
    }

    public record Restore(String target) {
    }

    /** A snapshot in Nano's tree: its parent ({@code backing}), or {@code is_root}; the current one marked. */
    @JsonbNillable(false)
    public record TreeNode(String backing, Boolean isRoot, Boolean isCurrent) {
    }

    /** A snapshot as Nano shows one; {@code create_time} in UTC. */
    public record SnapshotInfo(String name, boolean running, String description, String createTime) {
    }

    @GET
    @Path("snapshots")
    @Operation(summary = "Nano: the guest's snapshots by name, each with its parent (backing) or is_root, the current "
            + "one with is_current")
    public Map<String, TreeNode> snapshotTree(@PathParam("id") String id) {
        Map<String, TreeNode> tree = new LinkedHashMap<>();
        for (SnapshotView snapshot : snapshots.list(guests.nameOf(id))) {
            boolean root = snapshot.parent().isEmpty();
            tree.put(snapshot.name(), new TreeNode(root ? null : snapshot.parent(), root ? true : null,
                    snapshot.current() ? true : null));
        }
        return tree;
    }

    @POST
    @Path("snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: take a snapshot (name, description): 202 with the task that takes it")
    public Response createSnapshot(@PathParam("id") String id, SnapshotCreation creation) {
        ActionBody.required(creation);
        String guest = guests.nameOf(id);
        if (creation.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        TaskView task = snapshots.create(guest, creation.name(), creation.description());
        return Response.accepted(Map.of("name", creation.name(), "task", task.id())).build();
    }

    @PUT
    @Path("snapshots")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: put the guest back into a snapshot's state (target: its name)")
    public SnapshotInfo restoreSnapshot(@PathParam("id") String id, Restore restore) {
        ActionBody.required(restore);
        String guest = guests.nameOf(id);
        if (restore.target() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "target");
        }
        return info(snapshots.revert(guest, restore.target()));
    }

    @GET
    @Path("snapshots/{name}")
    @Operation(summary = "Nano: one snapshot: whether the guest ran when it was taken, its description and time")
    public SnapshotInfo snapshot(@PathParam("id") String id, @PathParam("name") String name) {
        return info(snapshots.get(guests.nameOf(id), name));
    }

    @DELETE
    @Path("snapshots/{name}")
    @Operation(summary = "Nano: delete a snapshot; its children move to its parent")
    public Response deleteSnapshot(@PathParam("id") String id, @PathParam("name") String name) {
        snapshots.delete(guests.nameOf(id), name);
        return Response.noContent().build();
    }

    private static SnapshotInfo info(SnapshotView snapshot) {
        return new SnapshotInfo(snapshot.name(), "running".equals(snapshot.state()), snapshot.description(),
                NanoStatus.NANO_TIME.format(java.time.Instant.ofEpochSecond(snapshot.created())));
    }
}
