package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** The rules for the fields of a storage pool's source: servers, ports, IQNs, devices, paths, CHAP, adapters. */
public final class PoolRules {

    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** RFC 3720: iqn.yyyy-mm.reversed-domain[:anything printable], or an EUI-64 or NAA name. */
    private static final Pattern IQN = Pattern.compile(
            "iqn\\.\\d{4}-(0[1-9]|1[0-2])\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[\\x21-\\x7e]+)?"
                    + "|eui\\.[0-9A-Fa-f]{16}|naa\\.([0-9A-Fa-f]{16}|[0-9A-Fa-f]{32})");
    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9._:+-]+(/[A-Za-z0-9._:+-]+)*");
    private static final Pattern SCSI_HOST = Pattern.compile("(scsi_)?host\\d{1,5}");
    private static final Pattern CHAP_USER = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final int MAX_PASSWORD = 255;

    private PoolRules() {
    }

    /** A host name (RFC 1123) or an IPv4 or IPv6 address; never looked up. */
    public static String host(String host) {
        if (host == null || !(IPV4.matcher(host).matches() || ipv6(host)
                || (HOST_NAME.matcher(host).matches() && !host.matches("[0-9.]+")))) {
            throw new VireoException(ErrorCode.INVALID_STORAGE_SERVER, String.valueOf(host));
        }
        return host;
    }

    private static boolean ipv6(String host) {
        if (!host.contains(":") || !IPV6_CHARACTERS.matcher(host).matches()) {
            return false;
        }
        try {
            // a literal: parsed, never resolved
            return java.net.InetAddress.getByName(host) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public static Integer port(Integer port) {
        if (port != null && (port < 1 || port > 65535)) {
            throw new VireoException(ErrorCode.INVALID_PORT, port);
        }
        return port;
    }

    /** A port given as query text (an empty value counts as none). */
    public static Integer port(String port) {
        if (port == null || port.isEmpty()) {
            return null;
        }
        if (!port.matches("\\d{1,5}")) {
            throw new VireoException(ErrorCode.INVALID_PORT, "'" + port + "'");
        }
        return port(Integer.valueOf(port));
    }

    public static String iqn(String iqn) {
        if (iqn == null || iqn.length() > 223 || !IQN.matcher(iqn).matches()) {
            throw new VireoException(ErrorCode.INVALID_IQN, String.valueOf(iqn));
        }
        return iqn;
    }

    /** A block device: a normalised absolute path under /dev. */
    public static String device(String device) {
        if (device == null || device.length() > 4096 || !DEVICE.matcher(device).matches()
                || !Path.of(device).normalize().toString().equals(device)) {
            throw new VireoException(ErrorCode.INVALID_DEVICE, String.valueOf(device));
        }
        return device;
    }

    /** An absolute, normalised directory other than /; {@code field} names it in the refusal. */
    public static String directory(String field, String path) {
        if (path == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, field);
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!path.startsWith("/") || path.length() > 4096 || "/".equals(path) || path.indexOf('\0') >= 0
                || !Path.of(trimmed).normalize().toString().equals(trimmed)) {
            throw new VireoException(ErrorCode.POOL_INVALID, field + " must be an absolute, normalised directory other"
                    + " than /, not '" + path + "'");
        }
        return trimmed;
    }

    public static String scsiAdapter(String adapter) {
        if (adapter == null || !SCSI_HOST.matcher(adapter).matches()) {
            throw new VireoException(ErrorCode.INVALID_SCSI_ADAPTER, String.valueOf(adapter));
        }
        return adapter;
    }

    /** Checks CHAP credentials; the refusal names the user, never the password. */
    public static PoolRequest.Auth chap(PoolRequest.Auth auth) {
        if (auth.username() == null || auth.username().isEmpty()) {
            throw new VireoException(ErrorCode.INVALID_CHAP, "give a username");
        }
        if (!CHAP_USER.matcher(auth.username()).matches()) {
            throw new VireoException(ErrorCode.INVALID_CHAP, "the username must be 1 to 255 printable characters"
                    + " without spaces");
        }
        if (auth.password() == null || auth.password().isEmpty()) {
            throw new VireoException(ErrorCode.INVALID_CHAP, "give a password for " + auth.username());
        }
        if (auth.password().length() > MAX_PASSWORD || auth.password().chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new VireoException(ErrorCode.INVALID_CHAP, "the password of " + auth.username()
                    + " must be 1 to 255 characters without control characters");
        }
        return auth;
    }
}
