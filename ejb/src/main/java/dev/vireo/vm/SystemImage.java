package dev.vireo.vm;

import dev.vireo.task.TaskProgress;

/**
 * The disk image a new VM's system disk is a thin qcow2 overlay of. Checked when the VM is asked
 * for; made available on the VM's host (a copy there, once) by the task that makes the VM.
 */
public interface SystemImage {

    /** The volume the overlay is backed by, on the VM's host: its path, its format and its virtual size. */
    record Base(String path, String format, long capacityBytes) {
    }

    /** The image's base on the VM's host, copied there first when the host has no copy yet. */
    Base base(TaskProgress progress);
}
