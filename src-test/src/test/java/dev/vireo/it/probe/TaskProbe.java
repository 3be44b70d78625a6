package dev.vireo.it.probe;

import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: starts tasks on Vireo's real task engine whose steps wait until the test releases
 * them, so that a test can watch a task running, progressing, finishing or failing.
 */
@Path("tasks")
@RequestScoped
public class TaskProbe {

    private static final ConcurrentMap<String, BlockingQueue<Boolean>> GATES = new ConcurrentHashMap<>();

    @EJB
    TaskService tasks;

    @EJB
    LockedTaskProbe lockedTasks;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public TaskView start(@QueryParam("target") String target, @QueryParam("steps") int steps,
                          @QueryParam("fail") String failure) {
        BlockingQueue<Boolean> gate = gate(target);
        return tasks.submit("probe.steps", target, progress -> {
            for (int step = 1; step <= steps; step++) {
                if (gate.poll(60, TimeUnit.SECONDS) == null) {
                    throw new IllegalStateException("step " + step + " was never released");
                }
                progress.report(step * 100 / (steps + 1), "step " + step + " of " + steps);
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return "all " + steps + " steps done";
        });
    }

    /** Starts a task that holds the lock of VM {@code vm} (an operation's, as a clone's does) until released. */
    @POST
    @Path("locked")
    @Produces(MediaType.APPLICATION_JSON)
    public TaskView startLocked(@QueryParam("vm") String vm) {
        return lockedTasks.hold(vm, gate("/api/vms/" + vm));
    }

    @POST
    @Path("release")
    public void release(@QueryParam("target") String target) {
        gate(target).add(Boolean.TRUE);
    }

    private static BlockingQueue<Boolean> gate(String target) {
        return GATES.computeIfAbsent(target, t -> new LinkedBlockingQueue<>());
    }
}
