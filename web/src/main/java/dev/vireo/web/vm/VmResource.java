package dev.vireo.web.vm;

import dev.vireo.libvirt.DomainAction;
import dev.vireo.task.TaskView;
import dev.vireo.vm.MigrateRequest;
import dev.vireo.vm.ScreenshotService;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.vm.VmBoots;
import dev.vireo.vm.VmCreateRequest;
import dev.vireo.vm.VmEventLog;
import dev.vireo.vm.VmEventView;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmStatsHistory;
import dev.vireo.vm.VmUpdateRequest;
import dev.vireo.vm.VmView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.json.JsonFragments;
import dev.vireo.web.kimchi.KimchiLinks;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/vms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Virtual machines")
public class VmResource {

    @Inject
    JsonFragments json;

    static final String VIRT_VIEWER = "application/x-virt-viewer";
    static final int VIRT_VIEWER_SECONDS = 120;

    @EJB
    VmService vms;

    @EJB
    ScreenshotService screenshots;

    @EJB
    VmBoots boots;

    @EJB
    VmEventLog vmEvents;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Every virtual machine the caller may see on the zone's connected hosts (each with its host); "
            + "?host= lists one host's")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = VmView.class)))
    public Response list() {
        // thousands of VMs, most unchanged between requests: each one's JSON is reused while it stays the same
        return Response.ok(json.array(KimchiLinks.vms(vms.list())), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a VM from a template, or from a spec instead (spec: cpus, memory MiB, disks [MiB, the "
            + "system disk first], autostart, os_distro, os_version, owner, group; name required; its disks go to "
            + "storagepool, else its compute pool's storage, else default): 202 with the task that makes its disks and domain, on the host "
            + "given (host), or on the host of the compute pool given (computepool; else pool default) with the most "
            + "free memory that fits, then the most free CPUs (409 ZONE0012E saying why for each host when none fits)")
    public Response create(VmCreateRequest request) {
        ActionBody.required(request);
        TaskView task = vms.create(request);
        return Accepted.task(uri, task);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a VM's definition (never its power state); 303 to the new URI on a rename. "
            + "What a running VM cannot take at once is named in a Warning header and applies at its next start; "
            + "?live=false leaves a running VM as it is until its next start.")
    public Response update(@PathParam("name") String name, @QueryParam("live") String live, VmUpdateRequest request) {
        ActionBody.required(request);
        if (live != null && !live.equals("true") && !live.equals("false")) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "live", "true or false, not '" + live + "'");
        }
        VmService.Updated updated = vms.update(name, request, !"false".equals(live));
        Response.ResponseBuilder answer = updated.vm().name().equals(name)
                ? Response.ok(updated.vm())
                : Response.seeOther(uri.getBaseUriBuilder().path(VmResource.class).path(updated.vm().name()).build())
                        .entity(updated.vm());
        return Pending.warn(answer, updated.pendingUntilRestart()).build();
    }

    @POST
    @Path("{name}/connect")
    @Operation(summary = "Prepare console access to a running VM: a fresh password, valid for passwdValidTo "
            + "seconds (default 30), answered with the VM, its graphics.passwd (in this answer only) and console: a "
            + "one-time ticket for the web console's WebSocket, for the caller alone, valid at most 30 s")
    public Response connect(@PathParam("name") String name, String body) {
        Integer seconds = ActionBody.optionalInteger(body, "passwdValidTo");
        VmService.ConsoleAccess access = vms.connect(name, seconds);
        JsonObject vm = json.object(vms.get(name));
        JsonObject graphics = Json.createObjectBuilder(vm.getJsonObject("graphics")).add("passwd", access.passwd()).build();
        JsonObject console = Json.createObjectBuilder()
                .add("ticket", access.ticket().secret())
                .add("valid_to", access.ticket().validTo().toString())
                .add("websocket", UriBuilder.fromPath("/console/vnc/{vm}").queryParam("ticket", access.ticket().secret())
                        .build(name).toString())
                .build();
        return Response.ok(Json.createObjectBuilder(vm).add("graphics", graphics).add("console", console).build(),
                MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{name}/virtviewerfile")
    @Produces({VIRT_VIEWER, MediaType.APPLICATION_JSON})
    @Operation(summary = "A virt-viewer (.vv) file for a running VM, with a password valid two minutes")
    public Response virtViewerFile(@PathParam("name") String name) {
        VmService.ConsoleAccess console = vms.connect(name, VIRT_VIEWER_SECONDS);
        String host = isWildcard(console.listen()) ? uri.getBaseUri().getHost() : console.listen();
        String file = String.join("\n",
                "[virt-viewer]",
                "type=" + console.type(),
                "host=" + host,
                "port=" + console.port(),
                "password=" + console.passwd(),
                "title=" + console.vm(),
                "delete-this-file=1",
                "");
        return Response.ok(file, VIRT_VIEWER)
                .header("Content-Disposition", "attachment; filename=\"" + console.vm() + ".vv\"")
                .build();
    }

    private static boolean isWildcard(String listen) {
        return listen == null || "0.0.0.0".equals(listen) || "::".equals(listen);
    }

    @POST
    @Path("{name}/migrate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move the VM to a host of the zone (host: live when it runs, storage copied unless shared; "
            + "cold when shut off) or to another libvirt host (remote_host, user, enable_rdma): 202 with the task")
    public Response migrate(@PathParam("name") String name, MigrateRequest request) {
        ActionBody.required(request);
        TaskView task = vms.migrate(name, request);
        return Accepted.task(uri, task);
    }

    @POST
    @Path("{name}/clone")
    @Operation(summary = "Copy a shut-off VM as <name>-cloneN: 202 with the task that copies its disks")
    public Response cloneVm(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        TaskView task = vms.cloneVm(name);
        return Accepted.task(uri, task);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Power off if running, remove the VM and the volumes Vireo created for it")
    public Response delete(@PathParam("name") String name) {
        vms.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One virtual machine; ?host= names its host when several hosts have a VM of that name")
    public VmView get(@PathParam("name") String name) {
        return vms.get(name);
    }

    @GET
    @Path("{name}/stats/history")
    @Operation(summary = "The VM's CPU and memory %, network and disk KiB/s of the last hour (while it ran), one list"
            + " per measure with the time of each sample, oldest first")
    public VmStatsHistory statsHistory(@PathParam("name") String name) {
        return vms.statsHistory(name);
    }

    @GET
    @Path("{name}/events")
    @Operation(summary = "The VM's last 100 lifecycle events as libvirt reported them (started, stopped, crashed, …, "
            + "also when done outside Vireo), newest first, each with the server that recorded it")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(type = SchemaType.ARRAY, implementation = VmEventView.class)))
    public List<VmEventView> events(@PathParam("name") String name) {
        return vmEvents.of(name);
    }

    @GET
    @Path("{name}/screenshot")
    @Produces({"image/png", MediaType.APPLICATION_JSON}) // JSON for the errors of clients that accept only it
    @Operation(summary = "A current picture of the VM's display (PNG, at most a few seconds old)")
    public Response screenshot(@PathParam("name") String name) {
        return Response.ok(screenshots.png(name), "image/png").header("Cache-Control", "no-cache").build();
    }

    @POST
    @Path("{name}/start")
    @Operation(summary = "Power on; boot (cdrom or network) boots from that device this once, media (an ISO volume's "
            + "path or a URL) is loaded into the CD-ROM drive first; the next start boots as before")
    public VmView start(@PathParam("name") String name, String body) {
        Map<String, String> options = ActionBody.optionalStrings(body, "boot", "media");
        if (options.get("boot") == null && options.get("media") == null) {
            return vms.act(name, DomainAction.START);
        }
        return boots.startFrom(name, options.get("boot") == null ? "cdrom" : options.get("boot"), options.get("media"));
    }

    @POST
    @Path("{name}/poweroff")
    @Operation(summary = "Power off at once, without asking the guest")
    public VmView poweroff(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return vms.act(name, DomainAction.POWEROFF);
    }

    @POST
    @Path("{name}/reset")
    @Operation(summary = "Reset at once, like the machine's reset button")
    public VmView reset(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return vms.act(name, DomainAction.RESET);
    }

    @POST
    @Path("{name}/shutdown")
    @Operation(summary = "Ask the guest to shut down")
    public VmView shutdown(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return vms.act(name, DomainAction.SHUTDOWN);
    }

    @POST
    @Path("{name}/reboot")
    @Operation(summary = "Reboot")
    public VmView reboot(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return vms.act(name, DomainAction.REBOOT);
    }

    @POST
    @Path("{name}/suspend")
    @Operation(summary = "Pause the virtual CPUs")
    public VmView suspend(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return vms.act(name, DomainAction.SUSPEND);
    }

    @POST
    @Path("{name}/resume")
    @Operation(summary = "Resume paused virtual CPUs")
    public VmView resume(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return vms.act(name, DomainAction.RESUME);
    }
}
