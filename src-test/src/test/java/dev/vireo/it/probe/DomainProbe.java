package dev.vireo.it.probe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/**
 * Test-only: the names of the domains libvirt itself has on the server's host, read over a
 * connection of its own (libvirt's test:///default is one host per process), not through Vireo;
 * and powers one off the same way.
 */
@Path("domains")
@RequestScoped
public class DomainProbe {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> names() throws LibvirtException {
        Connect connect = new Connect(uri(), true);
        try {
            return Arrays.stream(connect.listAllDomains(0)).map(DomainProbe::name).sorted().toList();
        } finally {
            connect.close();
        }
    }

    /** Powers a domain off behind Vireo's back, as an operator with virsh would. */
    @POST
    @Path("{name}/destroy")
    public void destroy(@PathParam("name") String name) throws LibvirtException {
        Connect connect = new Connect(uri(), false);
        try {
            connect.domainLookupByName(name).destroy();
        } finally {
            connect.close();
        }
    }

    /** Removes a domain behind Vireo's back (powered off first when it runs), as {@code virsh undefine} would. */
    @DELETE
    @Path("{name}")
    public void remove(@PathParam("name") String name) throws LibvirtException {
        Connect connect = new Connect(uri(), false);
        try {
            Domain domain = connect.domainLookupByName(name);
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
        } finally {
            connect.close();
        }
    }

    private static String uri() {
        String env = System.getenv("VIREO_LIBVIRT_URI");
        return System.getProperty("vireo.libvirt.uri", env == null || env.isBlank() ? "test:///default" : env);
    }

    private static String name(Domain domain) {
        try {
            return domain.getName();
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }
}
