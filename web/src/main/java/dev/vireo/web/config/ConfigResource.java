package dev.vireo.web.config;

import dev.vireo.config.CapabilitiesView;
import dev.vireo.config.ConfigService;
import dev.vireo.config.ConfigView;
import dev.vireo.distro.DistroService;
import dev.vireo.distro.DistroView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration")
public class ConfigResource {

    @EJB
    ConfigService config;

    @EJB
    DistroService distros;

    @GET
    @Operation(summary = "Vireo's version and build options")
    public ConfigView config() {
        return config.config();
    }

    @GET
    @Path("distros")
    @Operation(summary = "The catalogue of install media for the host's architecture (name, os_distro, os_version, os_arch, path as a URL; shipped, plus the *.distros files of VIREO_DISTROS_DIR), then the ISO images of the host's active pools")
    public List<DistroView> distros() {
        return distros.list();
    }

    @GET
    @Path("distros/{name}")
    @Operation(summary = "One distribution, by its catalogue name (spaces allowed: Fedora 41) or its ISO image's volume name")
    public DistroView distro(@PathParam("name") String name) {
        return distros.get(name);
    }

    @GET
    @Path("capabilities")
    @Operation(summary = "What the managed host supports (probed once, then cached)")
    public CapabilitiesView capabilities() {
        return config.capabilities();
    }
}
