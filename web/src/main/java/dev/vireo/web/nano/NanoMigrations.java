package dev.vireo.web.nano;

import dev.vireo.task.TaskView;
import dev.vireo.web.ActionBody;
import dev.vireo.zone.VmMigrations;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Nano's migrations ({@code /nano/migrations/…}): VMs of a cell moved to another cell, as one task
 * whose id is the migration's id; instances are named by their UUIDs.
 */
@ApplicationScoped
@Path("/nano/migrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoMigrations {

    /** Nano's start of a migration: where the instances are, where they go (both optional), which ones (all if none). */
    public record Start(String sourcePool, String sourceCell, String targetPool, String targetCell, List<String> instances) {
    }

    /** A started migration, as Nano answers it. */
    public record Started(String id) {
    }

    /** A migration as Nano shows it: its progress only while it runs. */
    public record Migration(String id, boolean finished, Integer progress) {
        static Migration of(TaskView task) {
            boolean finished = !"running".equals(task.status());
            return new Migration(task.id(), finished, finished ? null : task.progress());
        }
    }

    /** One migration's state, as Nano's query answers it (without its id). */
    public record State(boolean finished, Integer progress) {
    }

    @EJB
    VmMigrations migrations;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: move instances (UUIDs; all when none) of source_cell to target_cell or the best cell of "
            + "target_pool (default: the source cell's pool): 202 with the migration's id")
    public Response start(Start start) {
        ActionBody.required(start);
        TaskView task = migrations.migrateSeveral(start.sourcePool(), start.sourceCell(), start.targetPool(),
                start.targetCell(), start.instances());
        return Response.accepted(List.of(new Started(task.id()))).build();
    }

    @GET
    @Operation(summary = "Nano: the migrations in progress")
    public List<Migration> running() {
        return migrations.running().stream().map(Migration::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Nano: one migration, finished or with its progress (201 while it runs, as Nano answers)")
    public Response get(@PathParam("id") String id) {
        Migration migration = Migration.of(migrations.get(id));
        return Response.status(migration.finished() ? Response.Status.OK : Response.Status.CREATED)
                .entity(new State(migration.finished(), migration.progress())).build();
    }
}
