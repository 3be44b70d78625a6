package dev.vireo.libvirt;

/**
 * A storage target libvirt discovered on a server: an NFS export ({@code nfs}) or an iSCSI target
 * ({@code iscsi}, its IQN).
 */
public record StorageTarget(String host, String targetType, String target) {
}
