package dev.vireo.batch;

import java.util.List;

/**
 * VMs to delete by their UUIDs; running ones only with {@code force} (powered off first).
 */
public record GuestBatchDeletion(List<String> guests, Boolean force) {
}
