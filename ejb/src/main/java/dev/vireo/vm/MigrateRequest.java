package dev.vireo.vm;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Where to move a VM: {@code host} is a host registered in the zone; {@code remote_host} (Kimchi's)
 * is a host name or IP (reached as {@code qemu+ssh://[user@]host/system}) or a libvirt URI of a
 * destination Vireo does not manage. One of the two.
 */
public record MigrateRequest(String remoteHost, String user, String password,
                             @JsonbProperty("enable_rdma") Boolean enableRdma, String host) {

    /** A move to a host of the zone. */
    public static MigrateRequest toHost(String host) {
        return new MigrateRequest(null, null, null, null, host);
    }
}
