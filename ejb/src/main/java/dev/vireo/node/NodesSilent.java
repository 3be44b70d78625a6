package dev.vireo.node;

import java.time.Instant;
import java.util.List;

/**
 * Server nodes stopped beating: their last heartbeat is older than {@code before}. Fired (CDI,
 * synchronously) by {@link ServerNodes} on the node that noticed, so that what each of them was
 * doing (batches, downloads) is ended by whoever keeps that kind of work.
 *
 * @param before the heartbeat older than which a node counts as silent
 * @param nodes the silent nodes' names
 */
public record NodesSilent(Instant before, List<String> nodes) {
}
