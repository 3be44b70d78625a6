package dev.vireo.web.cluster;

import dev.vireo.cluster.ClusterMemberRequest;
import dev.vireo.cluster.ClusterMemberView;
import dev.vireo.cluster.ClusterRequest;
import dev.vireo.cluster.ClusterService;
import dev.vireo.cluster.ClusterView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Clusters of VMs: named groups with a start order, started and stopped as a whole (Comet's clusters). */
@ApplicationScoped
@Path("/clusters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clusters")
public class ClusterResource {

    @EJB
    ClusterService clusters;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The clusters, each with its members in start order, their states and the cluster's state")
    public List<ClusterView> list() {
        return clusters.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a cluster (name, description, vms: existing VMs in start order); 201")
    public Response create(ClusterRequest request) {
        ActionBody.required(request);
        ClusterView created = clusters.create(request);
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One cluster: state (running, shutoff, partial, empty) and each member's state")
    public ClusterView get(@PathParam("name") String name) {
        return clusters.get(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a cluster's parameters: description, vms (the whole start order); no VM changes state")
    public ClusterView update(@PathParam("name") String name, ClusterRequest request) {
        ActionBody.required(request);
        return clusters.update(name, request);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a cluster; its VMs stay as they are")
    public Response delete(@PathParam("name") String name) {
        clusters.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/start")
    @Operation(summary = "Start the members in start order, each once the one before runs; halts at a member that "
            + "fails: 202 with the task, whose message names each member's outcome")
    public Response start(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return Accepted.task(uri, clusters.start(name));
    }

    @POST
    @Path("{name}/stop")
    @Operation(summary = "Shut the members down in reverse start order (powered off when they ignore it), going on "
            + "past a member that fails: 202 with the task, whose message names each member's outcome")
    public Response stop(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return Accepted.task(uri, clusters.stop(name));
    }

    @GET
    @Path("{name}/vms")
    @Operation(summary = "The cluster's members in start order, with position, state and host")
    public List<ClusterMemberView> members(@PathParam("name") String name) {
        return clusters.members(name);
    }

    @POST
    @Path("{name}/vms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an existing VM (name) at a place in the start order (position from 0, last when left out): "
            + "201; or, with template, make a VM from it (name optional) and add it once made: 202 with the task")
    public Response addMember(@PathParam("name") String name, ClusterMemberRequest request) {
        ActionBody.required(request);
        if (request.template() != null) {
            return Accepted.task(uri, clusters.createMember(name, request));
        }
        ClusterMemberView added = clusters.addMember(name, request);
        return Response.created(uri.getAbsolutePathBuilder().path(added.name()).build()).entity(added).build();
    }

    @GET
    @Path("{name}/vms/{vm}")
    @Operation(summary = "One member: position, state and host")
    public ClusterMemberView member(@PathParam("name") String name, @PathParam("vm") String vm) {
        return clusters.member(name, vm);
    }

    @DELETE
    @Path("{name}/vms/{vm}")
    @Operation(summary = "Take a VM out of the cluster; the VM stays as it is")
    public Response removeMember(@PathParam("name") String name, @PathParam("vm") String vm) {
        clusters.removeMember(name, vm);
        return Response.noContent().build();
    }
}
