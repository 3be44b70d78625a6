package dev.vireo.libvirt;

/** What a gateway of one area shares: the host it is bound to and the way its calls reach it. */
abstract class BoundGateway {

    final HostConnections connections;
    final HostRef host;

    BoundGateway(HostConnections connections, HostRef host) {
        this.connections = connections;
        this.host = host;
    }

    <T> T call(LibvirtCall<T> work) {
        return connections.call(host, work);
    }

    /** {@link #call}, then the domains it changed read again into the host's domain cache. */
    <T> T callThenReread(LibvirtCall<T> work, String... domains) {
        return connections.callThenReread(host, work, domains);
    }
}
