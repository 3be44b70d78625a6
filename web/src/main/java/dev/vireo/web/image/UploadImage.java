package dev.vireo.web.image;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.image.ImageRequest;
import dev.vireo.image.ImageService;
import dev.vireo.image.ImageView;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.web.console.BrowserUploads;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.util.Optional;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/**
 * A file from the browser into a new image, as the REST API's resumable upload does it: the
 * image is made for the file (kind, name, tags, visibility typed on the page), then the browser
 * sends the file in chunks of {@link #CHUNK_BYTES}, each written where the last one ended through
 * {@link ImageService#upload} (hashed as it passes). A failure or a stop removes the image, so
 * that no half image stays in the catalogue.
 */
@Named
@ViewScoped
public class UploadImage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Below the API's 8 MiB chunk limit, small enough for a progress bar that moves. */
    public static final long CHUNK_BYTES = 2L << 20;
    private static final String FORM = "upload-image";

    @EJB
    ImageService images;

    @Inject
    ManageImages catalogue;

    private String kind = "disk";
    private String name;
    private String tags;
    private String visibility = "private";
    private Target target;
    private VireoException failure;

    private record Target(String id, String name, long size, long written, String state, String checksum)
            implements Serializable {
    }

    /** Makes the image for the file the browser names (request parameters {@code file}, {@code size}). */
    public void prepare() {
        Optional<BrowserUploads.Announced> announced = BrowserUploads.announced(FORM, 1,
                "Choose a file that is not empty first");
        if (announced.isEmpty()) {
            return;
        }
        String file = announced.get().file();
        long size = announced.get().size();
        failure = null;
        try {
            ImageView made = images.create(new ImageRequest(kind, name == null || name.isBlank() ? file : name.trim(), null,
                    tags == null || tags.isBlank() ? null : ConsoleFormat.list(tags), null, null, visibility, null));
            target = new Target(made.id(), made.name(), size, 0, made.state(), null);
        } catch (VireoException e) {
            target = null;
            FacesErrors.show(e, FORM);
            FacesContext.getCurrentInstance().validationFailed();
        }
    }

    /** One chunk: written at the end of what arrived so far. */
    public void chunk(FileUploadEvent event) {
        UploadedFile chunk = event.getFile();
        if (target == null || failure != null) {
            BrowserUploads.stopBrowser();
            return;
        }
        long first = target.written();
        long length = chunk.getSize();
        String range = "bytes " + first + "-" + (first + length - 1) + "/" + target.size();
        try (InputStream data = chunk.getInputStream()) {
            ImageView after = images.upload(target.id(), null, range, length, Channels.newChannel(data));
            target = new Target(target.id(), target.name(), target.size(), after.uploaded(), after.state(), after.checksum());
        } catch (VireoException e) {
            fail(e);
        } catch (IOException | RuntimeException e) {
            fail(new VireoException(ErrorCode.IMAGE_CHUNK_INVALID, e, target.id(), "the chunk could not be written: " + e));
        }
    }

    /** The browser's upload ended (done, refused or cancelled): say how, and leave no half image. */
    public void ended() {
        if (target == null) {
            return;
        }
        if ("ready".equals(target.state())) {
            FacesErrors.info("Uploaded " + target.size() + " bytes into image " + target.name() + ": ready, SHA-256 "
                    + target.checksum());
            name = null;
            tags = null;
        } else {
            removeImage();
            if (failure != null) {
                FacesErrors.show(failure, FORM);
            } else {
                FacesErrors.info("The upload into image " + target.name() + " stopped before its end: the image is removed");
            }
        }
        target = null;
        failure = null;
        catalogue.refresh();
    }

    private void fail(VireoException e) {
        failure = e;
        BrowserUploads.stopBrowser();
    }

    private void removeImage() {
        try {
            images.delete(target.id(), null);
        } catch (VireoException gone) {
            // already removed: nothing is left behind either way
        }
    }

    public long getChunkBytes() {
        return CHUNK_BYTES;
    }

    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getTags() { return tags; }
    public void setTags(String tags) { this.tags = tags; }
    public String getVisibility() { return visibility; }
    public void setVisibility(String visibility) { this.visibility = visibility; }
}
