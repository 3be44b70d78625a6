package dev.vireo.storage;

/** A target discovered on a storage server: {@code target_type} {@code nfs} (an export path) or {@code iscsi} (an IQN). */
public record StorageTargetView(String host, String targetType, String target) {
}
