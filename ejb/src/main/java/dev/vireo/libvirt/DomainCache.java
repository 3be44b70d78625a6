package dev.vireo.libvirt;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one host's domains look like, kept fresh by libvirt's lifecycle events and by Vireo's own
 * actions, so that listing VMs costs no libvirt round trip per VM per request. A full listing
 * fills it; a periodic full listing repairs what no event reports (e.g. autostart set by virsh).
 * Each entry carries the sequence number of the write that produced it, so that a full listing
 * that started before an event never overwrites the fresher state that event brought; a removed
 * domain leaves a tombstone (an entry without summary) for the same reason.
 */
final class DomainCache {

    private record Entry(DomainSummary summary, long sequence) {
        boolean isTombstone() {
            return summary == null;
        }
    }

    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean complete;

    /** Whether a full listing has filled the cache since it was last cleared. */
    boolean isComplete() {
        return complete;
    }

    List<DomainSummary> all() {
        return byName.values().stream().filter(entry -> !entry.isTombstone()).map(Entry::summary).toList();
    }

    /** The domain's state; empty when unknown here or known to be gone. */
    Optional<DomainSummary> get(String name) {
        return Optional.ofNullable(byName.get(name)).map(Entry::summary);
    }

    /** Whether the cache knows that the domain was removed. */
    boolean isRemoved(String name) {
        Entry entry = byName.get(name);
        return entry != null && entry.isTombstone();
    }

    /** Marks the start of a full listing; pass the mark to {@link #replaceAll}. */
    long mark() {
        return sequence.incrementAndGet();
    }

    /** Records one domain's fresh state (after an event or an action). */
    void put(DomainSummary summary) {
        byName.put(summary.name(), new Entry(summary, sequence.incrementAndGet()));
    }

    /**
     * Records one domain's state as read after {@code mark} (an event's read-back), unless a write
     * after the mark brought fresher state: an event read that raced an action's own read-back
     * (e.g. between redefining a running domain and changing it live) must not undo it.
     */
    void putIfNewer(DomainSummary summary, long mark) {
        byName.compute(summary.name(), (name, current) -> current != null && current.sequence() > mark ? current
                : new Entry(summary, sequence.incrementAndGet()));
    }

    void remove(String name) {
        byName.put(name, new Entry(null, sequence.incrementAndGet()));
    }

    /** Takes a full listing begun at {@code mark}, keeping what was written after the mark. */
    void replaceAll(Collection<DomainSummary> listing, long mark) {
        Map<String, DomainSummary> listed = new HashMap<>();
        listing.forEach(summary -> listed.put(summary.name(), summary));
        listed.forEach((name, summary) -> byName.compute(name, (key, current) ->
                current != null && current.sequence() > mark ? current : new Entry(summary, mark)));
        // older than the listing and not in it: gone (a tombstone older than the listing is moot)
        byName.entrySet().removeIf(entry -> entry.getValue().sequence() < mark
                && (entry.getValue().isTombstone() || !listed.containsKey(entry.getKey())));
        complete = true;
    }

    void clear() {
        complete = false;
        byName.clear();
    }
}
