package dev.vireo.zone;

import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;

/**
 * A managed host as the API shows it.
 *
 * @param pool        its compute pool; null while it is in none
 * @param defaultHost whether it is the host of {@code VIREO_LIBVIRT_URI}, which {@code /api/vms} and
 *                    {@code /plugins/kimchi} address when no host is named
 * @param state       {@code connected}, {@code reconnecting} (lost lately, tried again with a growing
 *                    back-off), {@code down} (several attempts failed), {@code not connected} (not tried yet)
 * @param downSince   since when it could not be reached; null while connected
 * @param reason      libvirt's last word on why it cannot be reached
 * @param unattached  when it was just registered into a compute pool: the pool's storage pool and network it
 *                    could not take, and why; null in every other answer
 */
public record ManagedHostView(String name, String uri, String pool, boolean enabled,
                              @JsonbProperty("default") boolean defaultHost, Instant created, boolean alive,
                              String state, Instant downSince, String reason,
                              java.util.List<CellResources.Unattached> unattached) {

    ManagedHostView unattached(java.util.List<CellResources.Unattached> missing) {
        return new ManagedHostView(name, uri, pool, enabled, defaultHost, created, alive, state, downSince, reason, missing);
    }
}
