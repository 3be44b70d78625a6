package dev.vireo.vmpool;

import dev.vireo.persistence.vmpool.PoolVm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A pool's VM: its state, where it runs, and once checked out by whom, for how long (hours, as
 * vmpooler counts them: {@code running} since checkout, {@code remaining} of its lifetime) and its tags.
 */
public record PoolVmView(String hostname, String pool, String template, String state, String host, String domain,
                         String owner, String checkedOut, Integer lifetime, Double running, Double remaining,
                         Map<String, String> tags, String reason) {

    static PoolVmView of(PoolVm vm, Instant now) {
        Double running = null;
        Double remaining = null;
        if (vm.getCheckedOut() != null) {
            running = hours(Duration.between(vm.getCheckedOut(), now));
            remaining = Math.max(0, hours(Duration.between(now, vm.expires())));
        }
        return new PoolVmView(vm.getHostname(), vm.getPool().getName(), vm.getTemplate(), vm.getState().apiName(),
                vm.getHost(), vm.getPool().getDomainSuffix(), vm.getOwner(),
                vm.getCheckedOut() == null ? null : vm.getCheckedOut().toString(), vm.getLifetimeHours(), running,
                remaining, new TreeMap<>(vm.getTags()), vm.getReason());
    }

    /** Hours with two decimals, as vmpooler shows them. */
    private static double hours(Duration duration) {
        return Math.round(duration.toMillis() / 36_000.0) / 100.0;
    }
}
