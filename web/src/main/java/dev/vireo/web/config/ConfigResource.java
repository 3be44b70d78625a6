package dev.vireo.web.config;

import dev.vireo.config.CapabilitiesView;
import dev.vireo.config.ConfigService;
import dev.vireo.config.ConfigView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@RequestScoped
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration")
public class ConfigResource {

    @EJB
    ConfigService config;

    @GET
    @Operation(summary = "Vireo's version and build options")
    public ConfigView config() {
        return config.config();
    }

    @GET
    @Path("capabilities")
    @Operation(summary = "What the managed host supports (probed once, then cached)")
    public CapabilitiesView capabilities() {
        return config.capabilities();
    }
}
