package dev.vireo.libvirt;

import java.util.List;

/**
 * A storage pool to define, in libvirt's terms. Only the fields of its type are set; the others
 * are null (or empty).
 *
 * @param type         libvirt's pool type: {@code dir}, {@code netfs}, {@code logical}, {@code iscsi}, {@code scsi}
 * @param targetPath   where the pool's volumes appear on the host (directory, mount point, /dev/VG, /dev/disk/by-path)
 * @param host         the storage server of a netfs or iscsi pool
 * @param port         the iSCSI portal's port; null for the default
 * @param exportPath   the NFS export of a netfs pool
 * @param devices      the physical volumes of a logical pool (none when made from an existing volume group)
 * @param volumeGroup  the volume group of a logical pool
 * @param iqn          the target IQN of an iscsi pool
 * @param adapterName  the SCSI host of a scsi pool ({@code host2} or {@code scsi_host2})
 * @param chapUsername the CHAP user of an iscsi pool; null without authentication
 * @param secretUuid   the libvirt secret holding that user's password
 */
public record PoolSpec(String name, String type, String targetPath, String host, Integer port, String exportPath,
                       List<String> devices, String volumeGroup, String iqn, String adapterName,
                       String chapUsername, String secretUuid) {

    public PoolSpec {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    public static PoolSpec dir(String name, String path) {
        return new PoolSpec(name, "dir", path, null, null, null, null, null, null, null, null, null);
    }

    /** The same pool with the libvirt secret that holds its CHAP password. */
    public PoolSpec withSecret(String uuid) {
        return new PoolSpec(name, type, targetPath, host, port, exportPath, devices, volumeGroup, iqn, adapterName,
                chapUsername, uuid);
    }

    /** The same pool with more physical volumes. */
    public PoolSpec withDevices(List<String> more) {
        List<String> all = new java.util.ArrayList<>(devices);
        more.stream().filter(device -> !all.contains(device)).forEach(all::add);
        return new PoolSpec(name, type, targetPath, host, port, exportPath, all, volumeGroup, iqn, adapterName,
                chapUsername, secretUuid);
    }
}
