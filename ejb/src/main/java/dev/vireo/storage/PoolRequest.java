package dev.vireo.storage;

import java.util.List;

/**
 * A storage pool to create (name, type, path, source) or change (autostart, disks), as the
 * Kimchi API names the fields.
 */
public record PoolRequest(String name, String type, String path, Source source, Boolean autostart,
                          List<String> disks) {

    /**
     * Where a pool's storage comes from: {@code host} and {@code path} (netfs), {@code devices} or
     * {@code from_vg} (logical), {@code host}, {@code target}, {@code port}, {@code auth} (iscsi),
     * {@code adapter_name} (scsi).
     */
    public record Source(String host, String path, List<String> devices, String target, Integer port, Auth auth,
                         String adapterName, Boolean fromVg) {
    }

    /** CHAP credentials of an iSCSI target. The password never leaves this record but to libvirt's secret. */
    public record Auth(String username, String password) {
        @Override
        public String toString() {
            return "Auth[username=" + username + ", password=" + (password == null ? "null" : "(hidden)") + "]";
        }
    }
}
