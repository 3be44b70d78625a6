package dev.vireo.web.comet;

import dev.vireo.cluster.ClusterMemberRequest;
import dev.vireo.cluster.ClusterRequest;
import dev.vireo.cluster.ClusterService;
import dev.vireo.cluster.ClusterView;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.template.TemplateRequest;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmUpdateRequest;
import dev.vireo.web.ActionBody;
import dev.vireo.web.vm.Pending;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
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
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Comet's clusters ({@code /comet/cluster/…}, {@code comet-api.md}) over {@link ClusterService}:
 * summaries link to the full resource, actions are {@code POST …/action}, errors are Vireo's
 * {@code {"code", "reason"}} (the seed names none of its own).
 */
@ApplicationScoped
@Path(CometPathAlias.ROOT + "/cluster")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Comet")
public class CometClusters {

    /** Comet's VM actions; its {@code stop} (shut down, then sync the image back) is a shutdown here. */
    private static final Map<String, DomainAction> VM_ACTIONS = Map.of("start", DomainAction.START,
            "poweroff", DomainAction.POWEROFF, "shutdown", DomainAction.SHUTDOWN, "reset", DomainAction.RESET,
            "stop", DomainAction.SHUTDOWN);

    /** Comet's parameters of a VM: {@code memory} in MiB. */
    public record VmParameters(String name, Integer memory, Integer cpus, String description) {
    }

    @EJB
    ClusterService clusters;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(summary = "Comet: the clusters, each with its state and the link to it")
    public List<CometAnswers.ClusterSummary> list() {
        return clusters.list().stream().map(CometAnswers::summary).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: create a cluster (name, description, vms: existing VMs in start order); 201")
    public Response create(ClusterRequest body) {
        ActionBody.required(body);
        ClusterView created = clusters.create(body);
        return Response.created(URI.create(CometAnswers.clusterHref(created.name()))).entity(CometAnswers.cluster(created)).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Comet: one cluster with its VMs in start order and its actions")
    public CometAnswers.Cluster get(@PathParam("name") String name) {
        return CometAnswers.cluster(clusters.get(name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: change a cluster's parameters (description, vms: the whole start order); no VM changes state")
    public CometAnswers.Cluster update(@PathParam("name") String name, ClusterRequest body) {
        ActionBody.required(body);
        return CometAnswers.cluster(clusters.update(name, body));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Comet: remove a cluster; its VMs stay")
    public Response delete(@PathParam("name") String name) {
        clusters.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/start")
    @Operation(summary = "Comet: start the whole cluster in its start order: 202 with the task")
    public Response start(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return Accepted.task(uri, clusters.start(name));
    }

    @POST
    @Path("{name}/stop")
    @Operation(summary = "Comet: stop the whole cluster in reverse start order: 202 with the task")
    public Response stop(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return Accepted.task(uri, clusters.stop(name));
    }

    @GET
    @Path("{name}/vms")
    @Operation(summary = "Comet: the cluster's VMs in start order, each with its state and the link to it")
    public List<CometAnswers.VmSummary> vms(@PathParam("name") String name) {
        return clusters.members(name).stream().map(member -> CometAnswers.vmSummary(name, member)).toList();
    }

    @POST
    @Path("{name}/vms")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: create a VM from a template (template, name optional) and put it into the cluster once "
            + "made: 202 with the task; or put an existing VM (name) into it: 201; last in the start order or at position")
    public Response addVm(@PathParam("name") String name, ClusterMemberRequest body) {
        ActionBody.required(body);
        if (body.template() != null) {
            return Accepted.task(uri, clusters.createMember(name, body));
        }
        String vm = clusters.addMember(name, body).name();
        return Response.created(URI.create(CometAnswers.vmHref(name, vm)))
                .entity(CometAnswers.vm(name, clusters.memberVm(name, vm))).build();
    }

    @GET
    @Path("{name}/vms/{vm}")
    @Operation(summary = "Comet: one VM of the cluster: state, memory (MiB), cpus, screenshot link, actions")
    public CometAnswers.Vm vm(@PathParam("name") String name, @PathParam("vm") String vm) {
        return CometAnswers.vm(name, clusters.memberVm(name, vm));
    }

    @PUT
    @Path("{name}/vms/{vm}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Comet: change a VM's parameters (memory in MiB, cpus, description; a member keeps its name);"
            + " no VM changes state; the VM as it is then")
    public Response updateVm(@PathParam("name") String name, @PathParam("vm") String vm, VmParameters body) {
        ActionBody.required(body);
        VmService.Updated updated = clusters.updateMember(name, vm, new VmUpdateRequest(body.name(), null, null,
                body.memory() == null ? null : new TemplateRequest.Memory(body.memory(), null), null,
                body.cpus() == null ? null : new TemplateRequest.CpuInfo(body.cpus(), null, null), null, null,
                body.description(), null, null));
        return Pending.warn(Response.ok(CometAnswers.vm(name, updated.vm())), updated.pendingUntilRestart()).build();
    }

    @DELETE
    @Path("{name}/vms/{vm}")
    @Operation(summary = "Comet: take the VM out of the cluster (the VM itself stays: delete it at /api/vms)")
    public Response removeVm(@PathParam("name") String name, @PathParam("vm") String vm) {
        clusters.removeMember(name, vm);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/vms/{vm}/{action}")
    @Operation(summary = "Comet: a VM action: start, poweroff, shutdown, reset or stop (a shutdown); the VM as it is then")
    public CometAnswers.Vm act(@PathParam("name") String name, @PathParam("vm") String vm,
                               @PathParam("action") String action, String body) {
        DomainAction domainAction = VM_ACTIONS.get(action);
        if (domainAction == null) {
            throw new VireoException(ErrorCode.NO_SUCH_RESOURCE, CometAnswers.vmHref(name, vm) + "/" + action);
        }
        ActionBody.requireNoParameters(body);
        return CometAnswers.vm(name, clusters.actOnMember(name, vm, domainAction));
    }

    @GET
    @Path("{name}/vms/{vm}/console")
    @Operation(summary = "Comet: redirect (303) to the VM's console page")
    public Response console(@PathParam("name") String name, @PathParam("vm") String vm) {
        clusters.memberVm(name, vm);
        return Response.seeOther(UriBuilder.fromPath(request.getContextPath() + "/console/vm.xhtml")
                .queryParam("name", vm).build()).build();
    }
}
