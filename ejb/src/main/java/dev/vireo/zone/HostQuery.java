package dev.vireo.zone;

import dev.vireo.libvirt.HostRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The query that names a host in a link Vireo hands out: none for the default host, whose links keep their shape. */
public final class HostQuery {

    private HostQuery() {
    }

    public static String of(HostRef host) {
        return host.isDefault() ? "" : "?host=" + URLEncoder.encode(host.name(), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
