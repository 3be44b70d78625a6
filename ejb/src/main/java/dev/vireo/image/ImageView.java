package dev.vireo.image;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * An image of the catalogue as the API shows it.
 *
 * @param size     the content's length in bytes (0 before an upload announced it)
 * @param uploaded the bytes of the content received so far, where the next chunk starts
 * @param checksum the content's SHA-256 (hex) once ready
 */
public record ImageView(String id, String kind, String name, String description, List<String> tags, String owner,
                        String group, String visibility, String format, String state, long size, long uploaded,
                        String checksum, String expectedChecksum, String pool, String volume, Instant created,
                        Instant modified) implements Serializable {
}
