package dev.vireo.web.comet;

import dev.vireo.storage.StorageServerService;
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

/**
 * Comet's storage servers and their "zpools" ({@code /comet/storageservers…}) over
 * {@link StorageServerService} (as {@code /api/storageservers}): the servers the defined netfs and
 * iSCSI pools use, and the NFS exports and iSCSI targets libvirt finds on one, less those pools use.
 */
@ApplicationScoped
@Path(CometPathAlias.ROOT + "/storageservers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comet")
public class CometStorageServers {

    @EJB
    StorageServerService servers;

    @GET
    @Operation(summary = "Comet: the storage servers the defined pools use, each with the link to it")
    public List<CometAnswers.StorageServer> list() {
        return servers.list(null).stream().map(CometAnswers::storageServer).toList();
    }

    @GET
    @Path("{host}")
    @Operation(summary = "Comet: one storage server (host: its IP address or name)")
    public CometAnswers.StorageServer get(@PathParam("host") String host) {
        return CometAnswers.storageServer(servers.get(host));
    }

    @GET
    @Path("{host}/storagezpools")
    @Operation(summary = "Comet: the storage targets found on the server (host, zpool: the export or target, type)")
    public List<CometAnswers.StorageZpool> zpools(@PathParam("host") String host) {
        return servers.targets(host, null, null).stream().map(CometAnswers::storageZpool).toList();
    }
}
