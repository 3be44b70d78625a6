package dev.vireo.web.nano;

import dev.vireo.image.ImageRequest;
import dev.vireo.image.ImageView;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The shapes Nano's image resources share: an image in a list, one to create or change, the id of one made. */
final class NanoImages {

    private static final DateTimeFormatter NANO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private NanoImages() {
    }

    /** An image in Nano's lists ({@code size} in bytes). */
    @JsonbPropertyOrder({"name", "id", "description", "createTime", "modifyTime", "size", "tags"})
    public record Listed(String name, String id, String description, String createTime, String modifyTime, long size,
                         List<String> tags) {
        static Listed of(ImageView image) {
            return new Listed(image.name(), image.id(), image.description(), time(image.created()),
                    time(image.modified()), image.size(), image.tags());
        }
    }

    /** An image to create or the properties to change, as Nano sends them. */
    public record Change(String name, String owner, String group, String description, List<String> tags) {
        ImageRequest request(String kind) {
            return new ImageRequest(kind, name, description, tags, owner, group, null, null);
        }
    }

    /** The image just made. */
    public record Made(String id) {
    }

    static String time(Instant instant) {
        return instant == null ? null : NANO_TIME.format(instant);
    }
}
