package dev.vireo.zone;

import dev.vireo.libvirt.HostRef;
import dev.vireo.persistence.zone.ManagedHost;

/**
 * A registered host as the zone's services need it at hand, read once and kept ({@link ZoneHosts}).
 *
 * @param pool        its compute pool's name, or null while it is in none
 * @param poolEnabled whether that pool takes new VMs (false without a pool)
 */
public record ZoneHost(String name, String uri, boolean enabled, String pool, boolean poolEnabled) {

    static ZoneHost of(ManagedHost host) {
        return new ZoneHost(host.getName(), host.getUri(), host.isEnabled(),
                host.getPool() == null ? null : host.getPool().getName(),
                host.getPool() != null && host.getPool().isEnabled());
    }

    public HostRef ref() {
        return new HostRef(name, uri);
    }

    public boolean isDefault() {
        return ref().isDefault();
    }
}
