package dev.vireo.cluster;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.task.TaskProgress;
import dev.vireo.vm.VmService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts or stops the members of a cluster one after the other, through {@link VmService}: a start
 * goes in the start order and waits for each VM to run before the next, and halts at the first
 * member that fails (the later ones may need it); a stop goes in reverse, waits for each VM to be
 * shut off (powering it off when it ignores the shutdown for too long), and goes on past a member
 * that fails. Runs in a task; its message names the outcome of every member.
 */
final class ClusterPower {

    private static final String RUNNING = "running";
    private static final String SHUTOFF = "shutoff";
    private static final Duration POLL = Duration.ofMillis(250);

    private final VmService vms;
    private final String cluster;
    private final List<String> members;
    private final Duration startTimeout;
    private final Duration shutdownTimeout;

    ClusterPower(VmService vms, String cluster, List<String> members, Duration startTimeout, Duration shutdownTimeout) {
        this.vms = vms;
        this.cluster = cluster;
        this.members = List.copyOf(members);
        this.startTimeout = startTimeout;
        this.shutdownTimeout = shutdownTimeout;
    }

    String start(TaskProgress progress) throws InterruptedException {
        List<String> outcomes = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < members.size(); i++) {
            String vm = members.get(i);
            if (failed) {
                outcomes.add(vm + " not started (an earlier member failed)");
                continue;
            }
            progress.report(100 * i / members.size(), "starting " + vm + " (" + (i + 1) + " of " + members.size() + ")");
            try {
                outcomes.add(vm + " " + startOne(vm));
            } catch (RuntimeException e) {
                failed = true;
                outcomes.add(vm + " failed: " + reason(e));
            }
        }
        return outcome("start", failed, outcomes);
    }

    String stop(TaskProgress progress) throws InterruptedException {
        List<String> outcomes = new ArrayList<>();
        boolean failed = false;
        for (int i = members.size() - 1; i >= 0; i--) {
            String vm = members.get(i);
            int done = members.size() - 1 - i;
            progress.report(100 * done / members.size(), "stopping " + vm + " (" + (done + 1) + " of " + members.size() + ")");
            try {
                outcomes.add(vm + " " + stopOne(vm));
            } catch (RuntimeException e) {
                failed = true;
                outcomes.add(vm + " failed: " + reason(e));
            }
        }
        return outcome("stop", failed, outcomes);
    }

    private String startOne(String vm) throws InterruptedException {
        if (RUNNING.equals(state(vm))) {
            return "was running";
        }
        vms.act(vm, DomainAction.START);
        if (!waitFor(vm, RUNNING, startTimeout)) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_TIMEOUT, vm, RUNNING, startTimeout.toSeconds());
        }
        return "running";
    }

    private String stopOne(String vm) throws InterruptedException {
        if (SHUTOFF.equals(state(vm))) {
            return "was shut off";
        }
        if (RUNNING.equals(state(vm))) {
            vms.act(vm, DomainAction.SHUTDOWN);
            if (waitFor(vm, SHUTOFF, shutdownTimeout)) {
                return "shut down";
            }
        }
        // paused, crashed, or it ignored the shutdown: pull the plug
        vms.act(vm, DomainAction.POWEROFF);
        if (!waitFor(vm, SHUTOFF, shutdownTimeout)) {
            throw new VireoException(ErrorCode.CLUSTER_MEMBER_TIMEOUT, vm, SHUTOFF, shutdownTimeout.toSeconds());
        }
        return "powered off";
    }

    private boolean waitFor(String vm, String wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!wanted.equals(state(vm))) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    private String state(String vm) {
        return vms.get(vm).state();
    }

    /** Vireo's code and sentence; for anything else (e.g. a caller not allowed to manage the VM) its message. */
    static String reason(RuntimeException e) {
        if (e instanceof VireoException vireo) {
            return vireo.code() + ": " + vireo.reason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private String outcome(String action, boolean failed, List<String> outcomes) {
        String each = String.join("; ", outcomes);
        if (failed) {
            throw new VireoException(ErrorCode.CLUSTER_PARTIAL, cluster, action, each);
        }
        return "cluster " + cluster + ": " + each;
    }
}
