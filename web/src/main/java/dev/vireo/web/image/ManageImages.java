package dev.vireo.web.image;

import dev.vireo.error.VireoException;
import dev.vireo.image.ImageQuery;
import dev.vireo.image.ImageService;
import dev.vireo.image.ImageView;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console's images page: the catalogue of the images one may see, searched by name, owner,
 * tags and kind; each with a download link (the API's content route, which the console's session
 * opens) and a delete that shows the service's refusal, as an image in use by VMs.
 */
@Named
@ViewScoped
public class ManageImages implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    ImageService images;

    @Inject
    ConsoleFormat format;

    private String kind;
    private String name;
    private String owner;
    private String tags;
    private List<ImageView> found;

    /** The images matching the search, read once per search or change. */
    public List<ImageView> getImages() {
        if (found == null) {
            try {
                found = new ArrayList<>(images.search(new ImageQuery(blankToNull(kind), blankToNull(name),
                        blankToNull(owner), null, tags == null || tags.isBlank() ? null : ConsoleFormat.list(tags))));
            } catch (VireoException e) {
                FacesErrors.show(e, "search");
                found = new ArrayList<>();
            }
        }
        return found;
    }

    /** Reads the catalogue again (the search button, the poll, after an upload). */
    public void refresh() {
        found = null;
    }

    public void delete(String id, String imageName) {
        try {
            images.delete(id, null);
            FacesErrors.info("Image " + imageName + " deleted with its content");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    /** A content length as people read it. */
    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    public String when(ImageView image) {
        return image.created() == null ? "" : format.time(image.created());
    }

    public String tagsOf(ImageView image) {
        return String.join(", ", image.tags());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
}
