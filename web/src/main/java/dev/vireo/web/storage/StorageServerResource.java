package dev.vireo.web.storage;

import dev.vireo.storage.StorageServerService;
import dev.vireo.storage.StorageServerView;
import dev.vireo.storage.StorageTargetView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/storageservers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Storage servers")
public class StorageServerResource {

    @EJB
    StorageServerService servers;

    @GET
    @Operation(summary = "The storage servers the defined netfs and iscsi pools use (_target_type netfs or iscsi)")
    public List<StorageServerView> list(@QueryParam("_target_type") String targetType) {
        return servers.list(targetType);
    }

    @GET
    @Path("{host}")
    @Operation(summary = "One storage server that a pool uses (port: that of an iSCSI portal)")
    public StorageServerView get(@PathParam("host") String host) {
        return servers.get(host);
    }

    @GET
    @Path("{host}/storagetargets")
    @Operation(summary = "The NFS exports and iSCSI targets libvirt discovers on a server, less those pools use"
            + " (_target_type netfs or iscsi, _server_port for iSCSI)")
    public List<StorageTargetView> targets(@PathParam("host") String host, @QueryParam("_target_type") String targetType,
                                           @QueryParam("_server_port") String serverPort) {
        return servers.targets(host, targetType, serverPort);
    }
}
