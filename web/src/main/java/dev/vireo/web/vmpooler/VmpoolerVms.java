package dev.vireo.web.vmpooler;

import dev.vireo.vmpool.PoolCheckouts;
import dev.vireo.task.TaskView;
import dev.vireo.vmpool.PoolVmView;
import dev.vireo.vmpool.VmPoolRules;
import dev.vireo.web.task.Accepted;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** vmpooler's VM operations ({@code /vmpooler/api/v1/vm…}), in its shapes. */
@ApplicationScoped
@Path(VmpoolerFace.ROOT + "/vm")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "vmpooler")
public class VmpoolerVms {

    @EJB
    PoolCheckouts checkouts;

    @GET
    @Operation(summary = "vmpooler: the names of the VM pools, then their aliases")
    public List<String> pools() {
        return checkouts.poolNames();
    }

    @POST
    @Operation(summary = "vmpooler: check out VMs of several pools, a JSON object of pool names and counts "
            + "({\"debian-7\": \"2\"}); all or none; 404 for an unknown pool or a body that is no such object, "
            + "503 when a pool has too few ready")
    public Map<String, Object> checkout(String body) {
        return answer(checkouts.checkout(VmpoolerBodies.counts(body)));
    }

    @POST
    @Path("{pools}")
    @Operation(summary = "vmpooler: check out one VM of each pool named, a+a+b for two of a and one of b; all or "
            + "none; 404 for an unknown pool, 503 when a pool has too few ready")
    public Map<String, Object> checkoutOf(@PathParam("pools") String pools) {
        return answer(checkouts.checkout(VmpoolerBodies.counts(pools.split("\\+", -1))));
    }

    @GET
    @Path("{hostname}")
    @Operation(summary = "vmpooler: a checked-out VM: template, lifetime, running and remaining hours, state, tags, "
            + "domain, host; 404 for a VM the caller did not check out")
    public Map<String, Object> vm(@PathParam("hostname") String hostname) {
        PoolVmView vm = checkouts.vm(hostname);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("template", vm.template());
        details.put("lifetime", vm.lifetime());
        details.put("running", vm.running());
        details.put("remaining", vm.remaining());
        details.put("state", vm.state());
        details.put("tags", vm.tags());
        if (vm.domain() != null) {
            details.put("domain", vm.domain());
        }
        details.put("host", vm.host());
        details.put("pool", vm.pool());
        PoolCheckouts.Additions additions = checkouts.additions(hostname);
        if (!additions.disksGib().isEmpty()) {
            details.put("disk", additions.disksGib().stream().map(VmpoolerVms::diskSize).toList());
        }
        if (!additions.snapshots().isEmpty()) {
            details.put("snapshots", additions.snapshots());
        }
        Map<String, Object> answer = ok();
        answer.put(vm.hostname(), details);
        return answer;
    }

    @PUT
    @Path("{hostname}")
    @Operation(summary = "vmpooler: change a checked-out VM: lifetime (hours from checkout, at most the pool's maximum) "
            + "and tags (an object of strings, added); 400 for a value that fails validation, 404 for an unknown VM")
    public Map<String, Object> change(@PathParam("hostname") String hostname, String body) {
        checkouts.change(hostname, VmpoolerBodies.change(body));
        return ok();
    }

    @DELETE
    @Path("{hostname}")
    @Operation(summary = "vmpooler: give a checked-out VM back: it is destroyed with its volumes; 404 for an unknown VM")
    public Map<String, Object> delete(@PathParam("hostname") String hostname) {
        checkouts.giveBack(hostname);
        return ok();
    }

    @POST
    @Path("{hostname}/disk/{size}")
    @Operation(summary = "vmpooler: add an empty disk of {size} GiB to a checked-out VM, hot-plugged where it runs; 202 "
            + "with a task (Location); 404 for an unknown VM or a size that is no whole number from 1 to 16384")
    public Response addDisk(@PathParam("hostname") String hostname, @PathParam("size") String size, @Context UriInfo uri) {
        TaskView task = checkouts.addDisk(hostname, size);
        Map<String, Object> answer = ok();
        answer.put(hostname, Map.of("disk", diskSize(VmPoolRules.diskGib(size))));
        return Accepted.task(uri, task, answer);
    }

    @POST
    @Path("{hostname}/snapshot")
    @Operation(summary = "vmpooler: take a snapshot of a checked-out VM under a new name; 202 with its name and a task "
            + "(Location); 404 for an unknown VM")
    public Response snapshot(@PathParam("hostname") String hostname, @Context UriInfo uri) {
        PoolCheckouts.Snapshot snapshot = checkouts.snapshot(hostname);
        Map<String, Object> answer = ok();
        answer.put(hostname, Map.of("snapshot", snapshot.name()));
        return Accepted.task(uri, snapshot.task(), answer);
    }

    @POST
    @Path("{hostname}/snapshot/{snapshot}")
    @Operation(summary = "vmpooler: revert a checked-out VM to one of its snapshots; 202 with a task (Location); 404 "
            + "for an unknown VM or snapshot")
    public Response revert(@PathParam("hostname") String hostname, @PathParam("snapshot") String snapshot,
                           @Context UriInfo uri) {
        return Accepted.task(uri, checkouts.revert(hostname, snapshot), ok());
    }

    /** A disk's size as vmpooler writes it. */
    private static String diskSize(long gib) {
        return "+" + gib + "gb";
    }

    /** vmpooler's checkout answer: per pool asked, one host name or a list of them, and the domain. */
    private static Map<String, Object> answer(PoolCheckouts.Checkout checkout) {
        Map<String, Object> answer = ok();
        checkout.hostnames().forEach((pool, hostnames) ->
                answer.put(pool, Map.of("hostname", hostnames.size() == 1 ? hostnames.get(0) : hostnames)));
        if (checkout.domain() != null) {
            answer.put("domain", checkout.domain());
        }
        return answer;
    }

    static Map<String, Object> ok() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", true);
        return answer;
    }
}
