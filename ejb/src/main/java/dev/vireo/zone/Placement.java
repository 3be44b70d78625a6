package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The placement rule, over facts gathered beforehand: of the hosts that may take VMs, the one
 * with the most free memory, then the most free CPUs (then the first name, so the choice is
 * stable); never one where the VM's memory does not fit.
 */
public final class Placement {

    private Placement() {
    }

    /**
     * What placement knows of a host. Free memory is the host's memory less the current memory of
     * its running and paused domains and less what creations in flight reserved.
     *
     * @param unavailable why the host takes no VM now (disabled, down, …), or null when it may
     */
    public record HostFacts(String name, String unavailable, long memoryMib, long usedMemoryMib, long reservedMemoryMib,
                            int cpus, int usedCpus, int reservedCpus) {

        public static HostFacts unavailable(String name, String why) {
            return new HostFacts(name, why, 0, 0, 0, 0, 0, 0);
        }

        public long freeMemoryMib() {
            return memoryMib - usedMemoryMib - reservedMemoryMib;
        }

        public int freeCpus() {
            return cpus - usedCpus - reservedCpus;
        }

        HostFacts reserving(long memory, int vcpus) {
            return new HostFacts(name, unavailable, memoryMib, usedMemoryMib, reservedMemoryMib + memory, cpus, usedCpus,
                    reservedCpus + vcpus);
        }
    }

    /**
     * The host chosen and what it had free.
     *
     * @param cpusDecided whether another host had as much free memory and its free CPUs decided
     */
    public record Choice(String host, long freeMemoryMib, int freeCpus, boolean cpusDecided) {

        /** Why, in words for the task's message. */
        public String why() {
            return "most free memory: " + mib(freeMemoryMib) + (cpusDecided ? ", then most free CPUs: " + freeCpus : "");
        }
    }

    /**
     * Chooses the host for a new VM of {@code memoryMib}; 409 saying why for each host when none
     * can take it.
     *
     * @param pool where the hosts are, for the refusal ("in compute pool fast", "on host cell-2")
     */
    public static Choice choose(String pool, String vm, long memoryMib, List<HostFacts> hosts) {
        List<HostFacts> fitting = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (HostFacts host : hosts) {
            if (host.unavailable() != null) {
                refusals.add(host.name() + ": " + host.unavailable());
            } else if (host.freeMemoryMib() < memoryMib) {
                refusals.add(host.name() + ": memory short by " + mib(memoryMib - Math.max(0, host.freeMemoryMib())));
            } else {
                fitting.add(host);
            }
        }
        if (fitting.isEmpty()) {
            throw new VireoException(ErrorCode.NO_HOST_FITS, pool, vm, memoryMib,
                    hosts.isEmpty() ? "it has no hosts" : String.join("; ", refusals));
        }
        fitting.sort(Comparator.comparingLong(HostFacts::freeMemoryMib).reversed()
                .thenComparing(Comparator.comparingInt(HostFacts::freeCpus).reversed())
                .thenComparing(HostFacts::name));
        HostFacts best = fitting.get(0);
        return new Choice(best.name(), best.freeMemoryMib(), best.freeCpus(),
                fitting.size() > 1 && fitting.get(1).freeMemoryMib() == best.freeMemoryMib());
    }

    /** {@code 12,288 MiB}. */
    static String mib(long mib) {
        return String.format(Locale.ROOT, "%,d MiB", mib);
    }
}
