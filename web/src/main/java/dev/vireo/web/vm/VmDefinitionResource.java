package dev.vireo.web.vm;

import dev.vireo.domain.RawDefinition;
import dev.vireo.domain.RawDomainService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import dev.vireo.web.xen.XenSchemas;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A VM's whole libvirt definition as the JSON form of its XML: the same service as the Xen REST face. */
@ApplicationScoped
@Path("/vms/{vm}/definition")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Virtual machines")
public class VmDefinitionResource {

    /** VIR_DOMAIN_XML_INACTIVE: what a PUT answers, the definition the VM starts from next. */
    private static final String INACTIVE = "2";

    @EJB
    RawDomainService domains;

    @GET
    @Operation(summary = "A VM's libvirt definition as JSON ({\"domain\": {\"@type\": …, \"name\": …}}: attributes as @name, "
            + "text as #text, repeated elements as arrays), as libvirt gives it with flag (0, or a sum of 1 SECURE "
            + "[vm.manage], 2 INACTIVE, 4 UPDATE_CPU, 8 MIGRATABLE)")
    public JsonObject get(@PathParam("vm") String vm, @QueryParam("flag") String flag) {
        return domains.definitionOf(vm, flag);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a VM's libvirt definition with the JSON form given (its name and UUID stay; Vireo's "
            + "metadata is kept); answers the definition now kept. Needs vm.manage and host.manage: raw XML can name "
            + "any file or device of the host")
    public JsonObject put(@PathParam("vm") String vm, @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = XenSchemas.Definition.class))) String body) {
        domains.redefine(vm, RawDefinition.parse(body));
        return domains.definitionOf(vm, INACTIVE);
    }
}
