package dev.vireo.vm;

import dev.vireo.libvirt.DomainSummary;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views of VMs whose domain, statistics and icon have not changed are the same objects from
 * one list to the next: the domain cache and the sampler replace what changes and keep the rest,
 * so comparing by identity finds what is unchanged without comparing its fields, and whoever
 * caches by view (the JSON of a VM list) can too.
 */
final class VmViews {

    private record Made(DomainSummary domain, VmStats stats, String icon, VmView view) {
    }

    /** By host, then by VM name. */
    private final Map<String, Map<String, Made>> byHost = new ConcurrentHashMap<>();

    VmView of(String host, DomainSummary domain, VmStats stats, String icon) {
        Map<String, Made> made = byHost.computeIfAbsent(host, key -> new ConcurrentHashMap<>());
        Made last = made.get(domain.name());
        if (last != null && last.domain() == domain && last.stats() == stats && Objects.equals(last.icon(), icon)) {
            return last.view();
        }
        VmView view = VmView.of(host, domain, stats, icon);
        if (made.size() > 100_000) {
            made.clear();
        }
        made.put(domain.name(), new Made(domain, stats, icon, view));
        return view;
    }
}
