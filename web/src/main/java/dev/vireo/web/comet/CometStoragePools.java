package dev.vireo.web.comet;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeRequest;
import dev.vireo.web.ActionBody;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Comet's storage pools and their volumes ({@code /comet/storagepools…}) over the host's pools and
 * volumes ({@link StoragePoolService}, {@link StorageVolumeService}, as {@code /api/storagepools}),
 * in Comet's words: a volume is {@code mapped} while it is a VM's disk, its pool its {@code zpool}.
 */
@ApplicationScoped
@Path(CometPathAlias.ROOT + "/storagepools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comet")
public class CometStoragePools {

    private static final long GIB = 1L << 30;

    /** Comet's new volume: {@code capacity} in GiB, or the {@code url} of its content. */
    public record NewVolume(String name, Long capacity, String url) {
    }

    @EJB
    StoragePoolService pools;

    @EJB
    StorageVolumeService volumes;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "Comet: the storage pools, each with its state and the link to it")
    public List<CometAnswers.PoolSummary> list() {
        return pools.list().stream().map(CometAnswers::poolSummary).toList();
    }

    @GET
    @Path("{pool}")
    @Operation(summary = "Comet: one storage pool: state (active, inactive), path, capacity, allocated, available (bytes)")
    public CometAnswers.Pool get(@PathParam("pool") String pool) {
        return CometAnswers.pool(pools.get(pool));
    }

    @POST
    @Path("{pool}/activate")
    @Operation(summary = "Comet: activate an inactive storage pool; the pool")
    public CometAnswers.Pool activate(@PathParam("pool") String pool, String body) {
        ActionBody.requireNoParameters(body);
        return CometAnswers.pool(pools.activate(pool));
    }

    @POST
    @Path("{pool}/deactivate")
    @Operation(summary = "Comet: deactivate an active storage pool (409 while a VM uses one of its volumes); the pool")
    public CometAnswers.Pool deactivate(@PathParam("pool") String pool, String body) {
        ActionBody.requireNoParameters(body);
        return CometAnswers.pool(pools.deactivate(pool));
    }

    @GET
    @Path("{pool}/storagevolumes")
    @Operation(summary = "Comet: the volumes of an active pool, each mapped or unmapped, with the link to it")
    public List<CometAnswers.VolumeSummary> volumes(@PathParam("pool") String pool) {
        return volumes.list(pool).stream().map(volume -> CometAnswers.volumeSummary(pool, volume)).toList();
    }

    @POST
    @Path("{pool}/storagevolumes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: create a volume (name; one of capacity in GiB or url): 202 with the task")
    public Response createVolume(@PathParam("pool") String pool, NewVolume body) {
        ActionBody.required(body);
        return Accepted.task(uri, volumes.create(pool,
                new VolumeRequest(body.name(), bytes(body.capacity()), null, body.url(), null, null, null)));
    }

    @GET
    @Path("{pool}/storagevolumes/{volume}")
    @Operation(summary = "Comet: one volume: state (mapped, unmapped), host, zpool, target (iSCSI), capacity (bytes)")
    public CometAnswers.Volume volume(@PathParam("pool") String pool, @PathParam("volume") String volume) {
        PoolView holder = pools.get(pool);
        String target = "iscsi".equals(holder.type()) && holder.source() != null ? holder.source().path() : null;
        return CometAnswers.volume(pool, volumes.get(pool, volume), target);
    }

    private static Long bytes(Long gib) {
        if (gib == null) {
            return null;
        }
        if (gib <= 0 || gib > Long.MAX_VALUE / GIB) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "capacity", gib + " (GiB: use a whole number from 1 to "
                    + Long.MAX_VALUE / GIB + ")");
        }
        return gib * GIB;
    }
}
