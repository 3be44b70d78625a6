package dev.vireo.vmpool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many clones may be in flight on a host at once, and how a round shares a host's free clone
 * slots among the pools that want them. Starting guests is CPU work for their host: several pools
 * cloning onto one host must not multiply a pool's own bound, and one pool must not take every slot
 * while another waits.
 */
final class HostCloneSlots {

    /** The fewest clones a host runs at once, whatever its CPU count. */
    static final int FLOOR = 2;

    /** What a pool wants this round: up to {@code wish} clones, on any of {@code hosts}, with {@code inFlight} running now. */
    record Want(long pool, int wish, int inFlight, List<String> hosts) {
    }

    /** One clone a pool may start, on the host named. */
    record Grant(long pool, String host) {
    }

    private HostCloneSlots() {
    }

    /** A host's bound: the one configured when above zero, else one clone per CPU (at least {@value #FLOOR}). */
    static int limit(int configured, int cpus) {
        return configured > 0 ? configured : Math.max(FLOOR, cpus);
    }

    /**
     * Hands out the hosts' free slots one at a time, each to the pool with the fewest clones in flight
     * (then the lowest id) that still wants one and may use a host with a free slot; the clone goes to
     * that pool's host with the most free slots left (then the first by name).
     */
    static List<Grant> share(Map<String, Integer> freeByHost, List<Want> wants) {
        Map<String, Integer> free = new HashMap<>(freeByHost);
        Map<Long, Integer> left = new HashMap<>();
        Map<Long, Integer> running = new HashMap<>();
        for (Want want : wants) {
            left.merge(want.pool(), Math.max(0, want.wish()), Integer::sum);
            running.put(want.pool(), Math.max(0, want.inFlight()));
        }
        List<Grant> grants = new ArrayList<>();
        while (true) {
            Want next = null;
            String host = null;
            for (Want want : wants) {
                if (left.get(want.pool()) == 0) {
                    continue;
                }
                String best = freest(want.hosts(), free);
                if (best == null) {
                    continue;
                }
                if (next == null || running.get(want.pool()) < running.get(next.pool())
                        || (running.get(want.pool()).equals(running.get(next.pool())) && want.pool() < next.pool())) {
                    next = want;
                    host = best;
                }
            }
            if (next == null) {
                return grants;
            }
            grants.add(new Grant(next.pool(), host));
            free.merge(host, -1, Integer::sum);
            left.merge(next.pool(), -1, Integer::sum);
            running.merge(next.pool(), 1, Integer::sum);
        }
    }

    /** Of {@code hosts}, the one with the most free slots (then the first by name); null when none has one. */
    private static String freest(List<String> hosts, Map<String, Integer> free) {
        return hosts.stream().filter(host -> free.getOrDefault(host, 0) > 0)
                .max(Comparator.<String>comparingInt(host -> free.getOrDefault(host, 0))
                        .thenComparing(Comparator.<String>reverseOrder()))
                .orElse(null);
    }
}
