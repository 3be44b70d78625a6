package dev.vireo.libvirt;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.EnumSet;
import java.util.Set;
import org.libvirt.Error;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** Turns libvirt's error numbers into Vireo's failures with their HTTP status. */
public final class LibvirtErrors {

    private static final Set<ErrorNumber> NOT_FOUND = EnumSet.of(
            ErrorNumber.VIR_ERR_NO_DOMAIN, ErrorNumber.VIR_ERR_NO_NETWORK,
            ErrorNumber.VIR_ERR_NO_STORAGE_POOL, ErrorNumber.VIR_ERR_NO_STORAGE_VOL,
            ErrorNumber.VIR_ERR_NO_INTERFACE, ErrorNumber.VIR_ERR_NO_NODE_DEVICE,
            ErrorNumber.VIR_ERR_NO_DOMAIN_SNAPSHOT, ErrorNumber.VIR_ERR_NO_SECRET,
            ErrorNumber.VIR_ERR_NO_NWFILTER, ErrorNumber.VIR_ERR_NO_DOMAIN_CHECKPOINT,
            ErrorNumber.VIR_ERR_NO_NETWORK_PORT, ErrorNumber.VIR_ERR_NO_DOMAIN_METADATA);

    private static final Set<ErrorNumber> CONFLICT = EnumSet.of(
            ErrorNumber.VIR_ERR_DOM_EXIST, ErrorNumber.VIR_ERR_NETWORK_EXIST,
            ErrorNumber.VIR_ERR_STORAGE_VOL_EXIST, ErrorNumber.VIR_ERR_STORAGE_POOL_BUILT,
            ErrorNumber.VIR_ERR_NETWORK_PORT_EXIST, ErrorNumber.VIR_ERR_RESOURCE_BUSY,
            ErrorNumber.VIR_ERR_BLOCK_COPY_ACTIVE, ErrorNumber.VIR_ERR_MULTIPLE_DOMAINS,
            ErrorNumber.VIR_ERR_MULTIPLE_INTERFACES);

    private static final Set<ErrorNumber> INVALID_STATE = EnumSet.of(
            ErrorNumber.VIR_ERR_OPERATION_INVALID, ErrorNumber.VIR_ERR_MIGRATE_UNSAFE,
            ErrorNumber.VIR_ERR_SNAPSHOT_REVERT_RISKY, ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE,
            ErrorNumber.VIR_ERR_AGENT_UNSYNCED, ErrorNumber.VIR_ERR_OPERATION_ABORTED);

    private static final Set<ErrorNumber> UNSUPPORTED = EnumSet.of(
            ErrorNumber.VIR_ERR_NO_SUPPORT, ErrorNumber.VIR_ERR_OPERATION_UNSUPPORTED,
            ErrorNumber.VIR_ERR_ARGUMENT_UNSUPPORTED, ErrorNumber.VIR_ERR_CONFIG_UNSUPPORTED,
            ErrorNumber.VIR_ERR_CPU_INCOMPATIBLE);

    private static final Set<ErrorNumber> INVALID_ARGUMENT = EnumSet.of(
            ErrorNumber.VIR_ERR_INVALID_ARG, ErrorNumber.VIR_ERR_XML_ERROR,
            ErrorNumber.VIR_ERR_XML_DETAIL, ErrorNumber.VIR_ERR_XML_INVALID_SCHEMA,
            ErrorNumber.VIR_ERR_INVALID_MAC, ErrorNumber.VIR_ERR_OVERFLOW);

    /** Errors that mean the host is gone, not that the request was wrong. */
    private static final Set<ErrorNumber> UNREACHABLE = EnumSet.of(
            ErrorNumber.VIR_ERR_NO_CONNECT, ErrorNumber.VIR_ERR_INVALID_CONN,
            ErrorNumber.VIR_ERR_RPC, ErrorNumber.VIR_ERR_AUTH_FAILED,
            ErrorNumber.VIR_ERR_AUTH_UNAVAILABLE, ErrorNumber.VIR_ERR_AUTH_CANCELLED,
            ErrorNumber.VIR_ERR_UNKNOWN_HOST, ErrorNumber.VIR_ERR_OPERATION_TIMEOUT,
            ErrorNumber.VIR_ERR_SSH, ErrorNumber.VIR_ERR_LIBSSH, ErrorNumber.VIR_ERR_GNUTLS_ERROR,
            ErrorNumber.VIR_ERR_NO_SERVER, ErrorNumber.VIR_ERR_NO_CLIENT);

    private LibvirtErrors() {
    }

    /** Whether the failure leaves the connection unusable (a dead socket, a daemon gone). */
    static boolean isConnectionFailure(LibvirtException e) {
        Error error = e.getError();
        if (error == null) {
            return false;
        }
        ErrorNumber code = error.getCode();
        if (UNREACHABLE.contains(code)) {
            return true;
        }
        // a socket closed under a remote connection is reported as a system or internal error
        // raised by the RPC layer
        return error.getDomain() == Error.ErrorDomain.VIR_FROM_RPC
                || error.getDomain() == Error.ErrorDomain.VIR_FROM_REMOTE
                        && code == ErrorNumber.VIR_ERR_SYSTEM_ERROR;
    }

    /** The Vireo failure for a libvirt error raised while talking to {@code hostUri}. */
    public static VireoException translate(LibvirtException e, String hostUri) {
        Error error = e.getError();
        String message = message(e);
        ErrorNumber code = error == null ? ErrorNumber.VIR_ERR_UNKNOWN : error.getCode();
        if (isConnectionFailure(e)) {
            return new VireoException(ErrorCode.HOST_UNREACHABLE, e, hostUri, message);
        }
        if (NOT_FOUND.contains(code)) {
            return new VireoException(ErrorCode.LIBVIRT_NOT_FOUND, e, message);
        }
        if (CONFLICT.contains(code)) {
            return new VireoException(ErrorCode.LIBVIRT_CONFLICT, e, message);
        }
        if (INVALID_STATE.contains(code)) {
            return new VireoException(ErrorCode.LIBVIRT_INVALID_STATE, e, message);
        }
        if (UNSUPPORTED.contains(code)) {
            return new VireoException(ErrorCode.HOST_UNSUPPORTED, e, message);
        }
        if (INVALID_ARGUMENT.contains(code)) {
            return new VireoException(ErrorCode.LIBVIRT_INVALID_ARGUMENT, e, message);
        }
        return new VireoException(ErrorCode.LIBVIRT_FAILED, e, message);
    }

    static String message(LibvirtException e) {
        Error error = e.getError();
        return error == null || error.getMessage() == null ? e.getMessage() : error.getMessage();
    }

    /**
     * Why a connection to {@code uri} could not be opened: libvirt's word, and what it means where
     * libvirt's TLS client only sees the far end hang up or names no cause (the cause is then in the
     * host's log alone).
     */
    static String connectFailure(String uri, LibvirtException e) {
        String message = message(e);
        if (!uri.startsWith("qemu+tls:")) {
            return message;
        }
        if (message.contains("Unable to read TLS confirmation")) {
            return message + " (the host ended the TLS session: most likely it refused this server's client certificate,"
                    + " which the CA of the host's ca_file must have signed)";
        }
        if (message.contains("Failed to verify peer's certificate")) {
            return message + " (the host's certificate is not signed by the CA of cacert.pem in pkipath,"
                    + " or does not name the host as the URI does)";
        }
        return message;
    }

    /** Whether libvirt said that the object looked up does not exist. */
    public static boolean isNotFound(LibvirtException e) {
        return e.getError() != null && NOT_FOUND.contains(e.getError().getCode());
    }
}
