package dev.vireo.web.xen;

import dev.vireo.domain.RawDefinition;
import dev.vireo.domain.RawDevice;
import dev.vireo.domain.RawDomainService;
import dev.vireo.domain.RawDomainService.Outcome;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Xen REST face ({@code /libvirt/xen/nodes/…}, the seed xen-rest-api.md): domains as the JSON
 * form of their XML, libvirt's calls with libvirt's flags, 204 when done and 304 when the domain
 * already was as asked. A domain is named by its UUID or its name. The seed's "node" is one libvirt
 * connection; here it is a host of the zone: {@code ?host=} names one, as on every VM route, and
 * without it a domain is looked for on the zone's connected hosts (names are the zone's), a new one
 * is defined on the default host {@code local}, and the list covers every connected host.
 */
@ApplicationScoped
@Path(XenNodes.ROOT)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Xen REST")
public class XenNodes {

    /** Where the face answers (below the context path); the resources are at the same paths below {@code /api}. */
    public static final String ROOT = "/libvirt/xen/nodes";

    @EJB
    RawDomainService domains;

    @GET
    @Path("json")
    @Operation(summary = "Xen REST: the JSON form of every domain the caller may see (running ones unless all=1/true/True), "
            + "its XML as libvirt gives it with flag (0, or a sum of 1 SECURE [vm.manage], 2 INACTIVE, 4 UPDATE_CPU, "
            + "8 MIGRATABLE)")
    public JsonArray list(@QueryParam("all") String all, @QueryParam("flag") String flag) {
        return Json.createArrayBuilder(domains.list(all, flag)).build();
    }

    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Xen REST: define a domain from the JSON form of its XML ({\"domain\": {…}}), or redefine the one of "
            + "that name (not started); 201 with {\"Uuid\", \"Warnings\"}. Needs vm.create (vm.manage to redefine) and "
            + "host.manage: raw XML can name any file or device of the host")
    public Response create(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = XenSchemas.Definition.class))) String body) {
        RawDomainService.Defined defined = domains.define(RawDefinition.parse(body));
        return Response.created(URI.create(XenPathAlias.link(defined.uuid())))
                .entity(Json.createObjectBuilder().add("Uuid", defined.uuid())
                        .add("Warnings", Json.createArrayBuilder(defined.warnings())).build())
                .build();
    }

    @GET
    @Path("{id}/json")
    @Operation(summary = "Xen REST: the JSON form of a domain's XML (by UUID or name) as libvirt gives it with flag")
    public JsonObject inspect(@PathParam("id") String id, @QueryParam("flag") String flag) {
        return domains.inspect(id, flag);
    }

    @POST
    @Path("{id}/start")
    @Operation(summary = "Xen REST: start a domain with flag (0, or a sum of 1 PAUSED, 2 AUTODESTROY, 4 BYPASS_CACHE, "
            + "8 FORCE_BOOT, 16 VALIDATE); 204, or 304 when it runs already")
    public Response start(@PathParam("id") String id, @QueryParam("flag") String flag) {
        return answer(domains.start(id, flag));
    }

    @POST
    @Path("{id}/stop")
    @Operation(summary = "Xen REST: ask a domain to shut down with flag (0, or a sum of 1 ACPI_POWER_BTN, 2 GUEST_AGENT, "
            + "4 INITCTL, 8 SIGNAL, 16 PARAVIRT); 204, or 304 when it is stopped already")
    public Response stop(@PathParam("id") String id, @QueryParam("flag") String flag) {
        return answer(domains.stop(id, flag));
    }

    @POST
    @Path("{id}/destroy")
    @Operation(summary = "Xen REST: power a domain off with flag (0, or 1 GRACEFUL); 204, or 304 when it is stopped already")
    public Response destroy(@PathParam("id") String id, @QueryParam("flag") String flag) {
        return answer(domains.destroy(id, flag));
    }

    @POST
    @Path("{id}/restart")
    @Operation(summary = "Xen REST: reboot a running domain with flag (0, or a sum of 1 ACPI_POWER_BTN, 2 GUEST_AGENT, "
            + "4 INITCTL, 8 SIGNAL, 16 PARAVIRT); 204 (409 XEN0006E when it does not run)")
    public Response restart(@PathParam("id") String id, @QueryParam("flag") String flag) {
        domains.restart(id, flag);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/delete")
    @Operation(summary = "Xen REST: undefine a domain with flag (0, or a sum of 1 MANAGED_SAVE, 2 SNAPSHOTS_METADATA, "
            + "4 NVRAM): a running one goes on as a transient domain; no volume is deleted; 204")
    public Response delete(@PathParam("id") String id, @QueryParam("flag") String flag) {
        domains.delete(id, flag);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/suspend")
    @Operation(summary = "Xen REST: pause a running domain; 204 (409 XEN0006E when it does not run)")
    public Response suspend(@PathParam("id") String id) {
        domains.suspend(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Xen REST: resume a paused domain; 204 (409 XEN0006E when it is not paused)")
    public Response resume(@PathParam("id") String id) {
        domains.resume(id);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/devices/attach")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Xen REST: attach a device given as the JSON form of its element ({\"disk\": {…}}) with flag "
            + "(0 CURRENT, or a sum of 1 LIVE, 2 CONFIG); 201 with that device. Needs vm.manage and host.manage")
    public Response attach(@PathParam("id") String id, @QueryParam("flag") String flag,
                           @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                                   schema = @Schema(implementation = XenSchemas.Device.class))) String body) {
        return Response.status(Response.Status.CREATED).entity(domains.attach(id, flag, RawDevice.parse(body))).build();
    }

    @POST
    @Path("{id}/memory/resize")
    @Operation(summary = "Xen REST: set a domain's memory to size KiB, its current (type=target, the default) or maximum "
            + "(type=max) memory, with flag (0 CURRENT, or a sum of 1 LIVE, 2 CONFIG); 204")
    public Response resizeMemory(@PathParam("id") String id, @QueryParam("size") String size,
                                 @QueryParam("type") String type, @QueryParam("flag") String flag) {
        domains.resizeMemory(id, size, type, flag);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/vcpu/resize")
    @Operation(summary = "Xen REST: set a domain's number of vCPUs to size with flag (0 CURRENT, or a sum of 1 LIVE, "
            + "2 CONFIG); 204")
    public Response resizeVcpus(@PathParam("id") String id, @QueryParam("size") String size,
                                @QueryParam("flag") String flag) {
        domains.resizeVcpus(id, size, flag);
        return Response.noContent().build();
    }

    private static Response answer(Outcome outcome) {
        return outcome == Outcome.ALREADY ? Response.notModified().build() : Response.noContent().build();
    }
}
