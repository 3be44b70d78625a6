package dev.vireo.image;

import java.util.List;

/**
 * An image to create, or the properties of one to change (those left out stay as they are).
 *
 * @param kind       {@code media} (ISO) or {@code disk} (qcow2); only on creation
 * @param visibility {@code private}, {@code group} or {@code public}; default group when a group is named, else private
 * @param checksum   the SHA-256 (hex) the content must have; an upload with another is discarded
 */
public record ImageRequest(String kind, String name, String description, List<String> tags, String owner,
                           String group, String visibility, String checksum) {
}
