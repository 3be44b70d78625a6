package dev.vireo.it.probe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Test-only: the names of the domains libvirt itself has on the server's host, read over a
 * connection of its own (libvirt's test:///default is one host per process), not through Vireo.
 */
@Path("domains")
@RequestScoped
public class DomainProbe {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> names() throws LibvirtException {
        String env = System.getenv("VIREO_LIBVIRT_URI");
        String uri = System.getProperty("vireo.libvirt.uri", env == null || env.isBlank() ? "test:///default" : env);
        Connect connect = new Connect(uri, true);
        try {
            return Arrays.stream(connect.listAllDomains(0)).map(DomainProbe::name).sorted().toList();
        } finally {
            connect.close();
        }
    }

    private static String name(Domain domain) {
        try {
            return domain.getName();
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }
}
