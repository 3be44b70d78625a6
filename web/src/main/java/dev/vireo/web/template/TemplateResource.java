package dev.vireo.web.template;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.template.TemplateRequest;
import dev.vireo.template.TemplateService;
import dev.vireo.template.TemplateView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.kimchi.KimchiPathAlias;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Templates")
public class TemplateResource {

    @EJB
    TemplateService templates;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Every template, with what each names that the host lacks (invalid)")
    public List<TemplateView> list() {
        return templates.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a template (201, Location). source_media.path names a pool's volume, a URL, or, when"
            + " the host is this machine, a readable ISO or disk image file, which becomes a volume of a dir pool over its"
            + " directory (400 TMPL0010E naming why a file is refused)")
    public Response create(TemplateRequest request) {
        TemplateView created = templates.create(ActionBody.required(request));
        return Response.created(location(created)).tag(tag(created)).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One template; its ETag is the version a PUT may name in If-Match")
    public Response get(@PathParam("name") String name) {
        TemplateView template = templates.get(name);
        return Response.ok(template).tag(tag(template)).build();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the fields given; 303 to the new URI on a rename; 409 when If-Match is stale")
    public Response update(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           TemplateRequest request) {
        TemplateView updated = templates.update(name, ActionBody.required(request), version(ifMatch));
        if (!updated.name().equals(name)) {
            return Response.seeOther(location(updated)).tag(tag(updated)).entity(updated).build();
        }
        return Response.ok(updated).tag(tag(updated)).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a template (VMs made from it stay)")
    public Response delete(@PathParam("name") String name) {
        templates.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/clone")
    @Operation(summary = "Copy a template as <name>-cloneN (201, Location)")
    public Response cloneTemplate(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        TemplateView clone = templates.cloneTemplate(name);
        // Kimchi sends its clients on to the copy
        Response.ResponseBuilder answer = KimchiPathAlias.isKimchiFace() ? Response.seeOther(location(clone))
                : Response.created(location(clone));
        return answer.tag(tag(clone)).entity(clone).build();
    }

    private URI location(TemplateView template) {
        return uri.getBaseUriBuilder().path(TemplateResource.class).path(template.name()).build();
    }

    private static EntityTag tag(TemplateView template) {
        return new EntityTag(Long.toString(template.version()));
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "If-Match", ifMatch);
        }
    }

}
