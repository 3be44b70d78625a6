package dev.vireo.it.probe;

import dev.vireo.audit.Audited;
import dev.vireo.libvirt.HostRef;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.task.TaskService;
import dev.vireo.task.TaskView;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Test-only: an operation that locks a VM of the default host and holds it in a task until released. */
@Stateless
public class LockedTaskProbe {

    @EJB
    Locks locks;

    @EJB
    TaskService tasks;

    @Audited("probe.lock")
    public TaskView hold(String vm, BlockingQueue<Boolean> gate) {
        locks.claim(new LockTarget(HostRef.DEFAULT, "virtual machine", vm));
        return tasks.submit("probe.lock", "/api/vms/" + vm, progress -> {
            if (gate.poll(60, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("the lock on " + vm + " was never released");
            }
            return "held " + vm;
        });
    }
}
