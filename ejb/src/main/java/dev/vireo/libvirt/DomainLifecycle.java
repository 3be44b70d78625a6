package dev.vireo.libvirt;

import java.time.Instant;

/**
 * A lifecycle event libvirt sent about a domain (fired as a CDI event, on a managed thread, after
 * the host's domain cache took it in). Every server gets the events of every host it is connected
 * to; what one means for the database is written by the host's listener only (see
 * {@code dev.vireo.node.HostListenerStore}).
 *
 * @param host   the host's name in Vireo (its URI for a host Vireo has no name for)
 * @param domain the domain's name
 * @param kind   libvirt's event type, lower case: {@code started}, {@code stopped}, {@code crashed}, …
 * @param detail libvirt's detail of it, lower case ({@code booted}, {@code destroyed}, …); null when none
 * @param at     when the event arrived
 */
public record DomainLifecycle(String host, String domain, String kind, String detail, Instant at) {
}
