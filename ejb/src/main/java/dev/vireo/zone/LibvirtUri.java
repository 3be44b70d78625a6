package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The libvirt URIs a host may be registered at: QEMU over a local socket, SSH or TLS, and the
 * test driver's files. Transports that run a command Vireo would have to trust ({@code ext}) and
 * passwords written into the URI (kept in the database in clear) are refused.
 */
public final class LibvirtUri {

    static final int MAX_LENGTH = 1000;
    private static final Set<String> REMOTE = Set.of("qemu+ssh", "qemu+libssh", "qemu+libssh2", "qemu+tls", "qemu+tcp");
    private static final Set<String> LOCAL = Set.of("qemu", "qemu+unix");
    private static final Set<String> QEMU_PATHS = Set.of("/system", "/session");

    private LibvirtUri() {
    }

    /** The URI as given, when libvirt can be asked to connect to it; else a 400 naming what is wrong. */
    public static String require(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "uri");
        }
        if (uri.length() > MAX_LENGTH) {
            throw new VireoException(ErrorCode.TOO_LONG, "uri", MAX_LENGTH);
        }
        if (uri.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid(uri, "it holds spaces or control characters");
        }
        URI parsed;
        try {
            parsed = new URI(uri);
        } catch (URISyntaxException e) {
            throw invalid(uri, e.getReason());
        }
        String scheme = parsed.getScheme();
        if (scheme == null) {
            throw invalid(uri, "it has no scheme: use qemu:///system, qemu+ssh://host/system, qemu+tls://host/system "
                    + "or test:///path/to/host.xml");
        }
        if (parsed.getRawFragment() != null) {
            throw invalid(uri, "a fragment means nothing to libvirt");
        }
        if (parsed.getRawUserInfo() != null && parsed.getRawUserInfo().contains(":")) {
            String withoutPassword = scheme + "://" + parsed.getRawUserInfo().substring(0, parsed.getRawUserInfo().indexOf(':'))
                    + ":…@" + parsed.getRawAuthority().substring(parsed.getRawAuthority().indexOf('@') + 1)
                    + parsed.getRawPath();
            throw invalid(withoutPassword, "a password must not be written into the URI (use SSH keys or TLS certificates)");
        }
        if (scheme.equals("test")) {
            return requireTestFile(uri, parsed);
        }
        if (LOCAL.contains(scheme)) {
            if (parsed.getHost() != null) {
                throw invalid(uri, scheme + " reaches this machine only: name no host (use qemu+ssh or qemu+tls for another)");
            }
        } else if (REMOTE.contains(scheme)) {
            if (parsed.getHost() == null) {
                throw invalid(uri, scheme + " needs the host to reach, as in " + scheme + "://host.example/system");
            }
        } else {
            throw invalid(uri, "unsupported scheme '" + scheme + "': use qemu, qemu+unix, qemu+ssh, qemu+libssh, "
                    + "qemu+libssh2, qemu+tls, qemu+tcp or test");
        }
        if (!QEMU_PATHS.contains(parsed.getPath())) {
            throw invalid(uri, "QEMU's connection path is /system or /session");
        }
        return uri;
    }

    private static String requireTestFile(String uri, URI parsed) {
        String path = parsed.getPath();
        if (parsed.getHost() != null || parsed.getRawQuery() != null || path == null || path.isEmpty()) {
            throw invalid(uri, "the test driver takes test:///default or test:///absolute/path/to/host.xml");
        }
        if (path.equals("/default")) {
            return uri;
        }
        Path file = Path.of(path);
        if (!file.normalize().equals(file)) {
            throw invalid(uri, "the file's path must be absolute and plain (no '.' or '..' parts)");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(uri, "no readable file " + path + " on the server");
        }
        return uri;
    }

    private static VireoException invalid(String uri, String why) {
        return new VireoException(ErrorCode.INVALID_LIBVIRT_URI, uri, why);
    }
}
