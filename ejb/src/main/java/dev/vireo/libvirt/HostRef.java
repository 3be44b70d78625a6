package dev.vireo.libvirt;

import java.util.Objects;

/**
 * A libvirt host Vireo manages: its name in Vireo and the URI its connection opens.
 *
 * @param name what Vireo calls the host; the default host (configuration {@code vireo.libvirt.uri}) is {@value #DEFAULT}
 * @param uri  its libvirt URI ({@code qemu:///system}, {@code qemu+ssh://host/system}, {@code test:///default})
 */
public record HostRef(String name, String uri) {

    public static final String DEFAULT = dev.vireo.persistence.zone.ManagedHost.DEFAULT;

    public HostRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uri, "uri");
    }

    /** A host Vireo has no name for (a migration's destination), named by its URI. */
    public static HostRef at(String uri) {
        return new HostRef(uri, uri);
    }

    public boolean isDefault() {
        return DEFAULT.equals(name);
    }

    /** Whether the host is this machine: its URI names no remote host ({@code qemu:///system}, a unix socket). */
    public boolean isLocalMachine() {
        String remote = java.net.URI.create(uri).getHost();
        return remote == null || remote.isEmpty();
    }
}
