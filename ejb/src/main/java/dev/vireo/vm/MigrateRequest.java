package dev.vireo.vm;

import jakarta.json.bind.annotation.JsonbProperty;

/**
 * Where to move a VM: {@code remote_host} is a host name or IP (reached as
 * {@code qemu+ssh://[user@]host/system}) or a libvirt URI of the destination.
 */
public record MigrateRequest(String remoteHost, String user, String password,
                             @JsonbProperty("enable_rdma") Boolean enableRdma) {
}
