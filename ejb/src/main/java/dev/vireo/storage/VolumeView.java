package dev.vireo.storage;

import java.util.List;

/**
 * A storage volume as the Kimchi API shows it; sizes in bytes; {@code used_by} names the VMs
 * whose disk it is.
 *
 * @param osDistro      for an ISO image, the distribution its label names ({@code unknown} when none); else null
 * @param osVersion     for an ISO image, that distribution's version; else null
 * @param bootable      for an ISO image, whether it has an El Torito boot record (false when it cannot be read); else null
 * @param isvalid       whether the volume holds complete content libvirt can read: false while an upload is under way,
 *                      and for an ISO image that is no ISO 9660 image
 * @param hasPermission whether the user QEMU runs as may read the volume's file (and write it, unless an ISO image)
 * @param upload        how far a chunked upload into the volume got; null when none awaits bytes
 * @param state         {@code ready}, or while its content is incomplete {@code uploading}, {@code downloading}, or
 *                      {@code interrupted} (a download a server stop cut short): only a ready volume is read, copied or attached
 * @param host          the host of the pool that holds the volume
 * @param pool          the pool that holds the volume, in the {@code kimchi_isos} view only; else null
 */
public record VolumeView(String host, String name, String type, long capacity, long allocation, String format, String path,
                         String osDistro, String osVersion, Boolean bootable, List<String> usedBy, boolean isvalid,
                         boolean hasPermission, UploadProgress upload, String state, String pool) {
}
