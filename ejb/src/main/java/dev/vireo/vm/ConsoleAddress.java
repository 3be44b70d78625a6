package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.host.LocalMachine;
import dev.vireo.libvirt.HostRef;
import java.net.URI;
import java.util.Set;

/**
 * Where the web console's proxy reaches a VM's VNC server: on this machine's hosts the loopback
 * (or the address it listens on); on another machine the address the VM listens on there, or,
 * when it listens on every address, the machine its host's URI names. A VNC server that listens on
 * another machine's loopback only cannot be reached from here, and says so.
 */
final class ConsoleAddress {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]");
    private static final Set<String> LOOPBACKS = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    private ConsoleAddress() {
    }

    static String of(String vm, HostRef host, String listen) {
        boolean everywhere = listen == null || listen.isBlank() || WILDCARDS.contains(listen);
        if (LocalMachine.isLocal(host)) {
            return everywhere ? "127.0.0.1" : listen;
        }
        if (everywhere) {
            return URI.create(host.uri()).getHost();
        }
        if (LOOPBACKS.contains(listen) || listen.startsWith("127.")) {
            throw new VireoException(ErrorCode.CONSOLE_UNREACHABLE, vm, listen, host.name());
        }
        return listen;
    }
}
