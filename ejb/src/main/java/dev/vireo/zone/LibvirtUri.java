package dev.vireo.zone;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The libvirt URIs a host may be registered at: QEMU over a local socket, SSH or TLS, and the
 * test driver's files. Transports that run a command Vireo would have to trust ({@code ext}) and
 * passwords written into the URI (kept in the database in clear) are refused. The files a remote
 * URI names for libvirt's client ({@code pkipath}, {@code keyfile}) must be there on this server:
 * libvirt would otherwise only say so at each connection attempt.
 */
public final class LibvirtUri {

    static final int MAX_LENGTH = 1000;
    private static final Set<String> REMOTE = Set.of("qemu+ssh", "qemu+libssh", "qemu+libssh2", "qemu+tls", "qemu+tcp");
    private static final Set<String> LOCAL = Set.of("qemu", "qemu+unix");
    private static final Set<String> QEMU_PATHS = Set.of("/system", "/session");
    /** What libvirt's TLS client reads from the directory {@code pkipath} names. */
    static final List<String> PKI_FILES = List.of("cacert.pem", "clientcert.pem", "clientkey.pem");

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
        Map<String, String> parameters = parameters(parsed);
        if (parameters.containsKey("pkipath")) {
            requirePkiDirectory(uri, parameters.get("pkipath"));
        }
        if (parameters.containsKey("keyfile")) {
            requireReadableFile(uri, "keyfile", serverPath(uri, "keyfile", parameters.get("keyfile")));
        }
        return uri;
    }

    /** The query's parameters as libvirt reads them: split at '&' and '=', then percent-decoded ('+' stays). */
    private static Map<String, String> parameters(URI parsed) {
        Map<String, String> parameters = new HashMap<>();
        if (parsed.getRawQuery() != null) {
            for (String pair : parsed.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.put(decode(name), decode(value));
            }
        }
        return parameters;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void requirePkiDirectory(String uri, String value) {
        Path directory = serverPath(uri, "pkipath", value);
        if (!Files.isDirectory(directory)) {
            throw invalid(uri, "pkipath names no directory " + directory + " on the server");
        }
        for (String file : PKI_FILES) {
            requireReadableFile(uri, "pkipath", directory.resolve(file));
        }
    }

    /** An absolute, plain path on this server, which is where libvirt's client reads it. */
    private static Path serverPath(String uri, String parameter, String value) {
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw invalid(uri, parameter + " is no path: " + e.getReason());
        }
        if (!path.isAbsolute() || !path.normalize().equals(path)) {
            throw invalid(uri, parameter + " must be an absolute, plain path on the server (no '.' or '..' parts)");
        }
        return path;
    }

    private static void requireReadableFile(String uri, String parameter, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw invalid(uri, parameter + ": no readable file " + file + " on the server"
                    + ("pkipath".equals(parameter) ? " (libvirt's TLS client needs " + String.join(", ", PKI_FILES) + " there)" : ""));
        }
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
