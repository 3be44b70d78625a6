package dev.vireo.libvirt;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/**
 * libvirt prints every error to stderr unless an error callback is set. Vireo reports errors
 * itself, so the callback only logs them at debug level.
 */
final class LibvirtLogging {

    private static final Logger LOG = Logger.getLogger("dev.vireo.libvirt.native");

    // held in a static field: libvirt keeps only a native pointer to it
    private static final Libvirt.VirErrorCallback CALLBACK =
            (userData, error) -> LOG.fine(() -> "libvirt: " + error.message);

    private LibvirtLogging() {
    }

    static void silenceStderr() {
        try {
            Connect.setErrorCallback(CALLBACK);
        } catch (LibvirtException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Cannot install libvirt's error callback", e);
        }
    }
}
