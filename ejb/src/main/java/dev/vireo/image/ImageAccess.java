package dev.vireo.image;

import dev.vireo.persistence.image.Image;
import dev.vireo.security.Caller;

/** Who may see an image (and so use and download it), and who may change it. */
final class ImageAccess {

    private ImageAccess() {
    }

    /** Its owner, the members of its group when it is shown to the group, everyone when it is public, and who sees everything. */
    static boolean mayUse(Caller caller, Image image) {
        if (caller.isAnonymous()) {
            return false;
        }
        return switch (image.getVisibility()) {
            case PUBLIC -> true;
            case GROUP -> mayChange(caller, image) || image.getGroup() != null && caller.groups().contains(image.getGroup());
            case PRIVATE -> mayChange(caller, image);
        };
    }

    /** Its owner, and who sees everything. */
    static boolean mayChange(Caller caller, Image image) {
        return caller.mayUseOwnedBy(image.getOwner());
    }
}
