package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostRef;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import java.util.regex.Pattern;

/** Where a migration goes: the destination's libvirt URI and the address its QEMU listens on. */
final class Migration {

    static final Set<String> SCHEMES = Set.of("qemu+ssh", "qemu+tls", "qemu+tcp", "qemu+unix", "qemu+libssh2");
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+]");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");

    record Target(String libvirtUri, String migrateUri) {
    }

    private Migration() {
    }

    static Target target(MigrateRequest request, HostRef source) {
        String remote = request.remoteHost();
        if (remote == null || remote.isBlank()) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "remote_host");
        }
        if (request.password() != null) {
            throw new VireoException(ErrorCode.MIGRATE_INVALID, "password log-on is not supported: give the Vireo "
                    + "server an SSH key for " + remote);
        }
        String transport = Boolean.TRUE.equals(request.enableRdma()) ? "rdma" : "tcp";
        if (remote.contains("://")) {
            URI uri = parse(remote);
            if (!SCHEMES.contains(uri.getScheme()) || !"/system".equals(uri.getPath())) {
                throw new VireoException(ErrorCode.MIGRATE_INVALID, "remote_host '" + remote + "' is not a system URI of "
                        + SCHEMES.stream().sorted().toList());
            }
            if (remote.equals(source.uri())) {
                throw new VireoException(ErrorCode.MIGRATE_INVALID, "the destination is this host");
            }
            String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
            return new Target(remote, transport + "://" + host);
        }
        if (!HOST.matcher(remote).matches() || remote.length() > 253) {
            throw new VireoException(ErrorCode.MIGRATE_INVALID, "remote_host '" + remote + "' is neither a host name, "
                    + "an IP address nor a libvirt URI");
        }
        if (request.user() != null && !USER.matcher(request.user()).matches()) {
            throw new VireoException(ErrorCode.MIGRATE_INVALID, "user '" + request.user() + "' is not a user name");
        }
        String user = request.user() == null ? "" : request.user() + "@";
        return new Target("qemu+ssh://" + user + remote + "/system", transport + "://" + remote);
    }

    private static URI parse(String uri) {
        try {
            return new URI(uri);
        } catch (URISyntaxException e) {
            throw new VireoException(ErrorCode.MIGRATE_INVALID, "remote_host '" + uri + "' is not a URI");
        }
    }
}
