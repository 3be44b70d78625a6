package dev.vireo.image;

import java.util.List;

/**
 * What to look for among the images one may see; every part left null matches all.
 *
 * @param name part of the name, in any case
 * @param tags tags the image has, all of them
 */
public record ImageQuery(String kind, String name, String owner, String group, List<String> tags) {

    public static ImageQuery all(String kind) {
        return new ImageQuery(kind, null, null, null, null);
    }
}
