package dev.vireo.web.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeRequest;
import dev.vireo.storage.VolumeView;
import dev.vireo.web.console.BrowserUploads;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.task.FollowTask;
import dev.vireo.web.zone.ConsoleHost;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Optional;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/**
 * A file from the browser into a new volume of the chosen pool, as the REST API's chunked upload
 * does it: the volume is made for an upload of the file's size (a task, followed on the page),
 * then the browser sends the file in chunks of {@link #CHUNK_BYTES} and each one goes through
 * {@link StorageVolumeService#writeChunk} as it arrives. A failure removes the volume, so that
 * no half volume stays behind, and stops the browser sending.
 */
@Named
@ViewScoped
public class UploadVolume implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Small enough for a progress bar that moves and for Undertow's request limit, large enough for few round trips. */
    public static final long CHUNK_BYTES = 2L << 20;
    private static final String FORM = "upload-volume";

    @EJB
    StorageVolumeService volumes;

    @Inject
    ManageStorage storage;

    @Inject
    FollowTask followTask;

    @Inject
    ConsoleHost consoleHost;

    /** The volume name the user typed; blank for the file's name. */
    private String name;
    /** The volume awaiting the file's bytes, once made. */
    private Target target;
    private VireoException failure;
    private boolean complete;

    private record Target(String pool, String volume, long size) implements Serializable {
    }

    /** Makes the volume for the file the browser names (request parameters {@code file}, {@code size}). */
    public void prepare() {
        consoleHost.apply();
        Optional<BrowserUploads.Announced> announced = BrowserUploads.announced(FORM, 0, "Choose a file first");
        if (announced.isEmpty()) {
            return;
        }
        String file = announced.get().file();
        long size = announced.get().size();
        String volume = name == null || name.isBlank() ? file : name.trim();
        String pool = storage.getPool();
        failure = null;
        complete = false;
        try {
            followTask.follow(volumes.create(pool, new VolumeRequest(volume, size, "raw", null, true, null, null)),
                    "vireoUpload.send()");
            target = new Target(pool, volume, size);
        } catch (VireoException e) {
            target = null;
            FacesErrors.show(e, FORM);
        }
    }

    /** One chunk (or the whole file when it fits in one): written at the volume's upload offset. */
    public void chunk(FileUploadEvent event) {
        consoleHost.apply();
        UploadedFile chunk = event.getFile();
        if (target == null || failure != null) {
            BrowserUploads.stopBrowser();
            return;
        }
        try (InputStream data = chunk.getInputStream()) {
            VolumeView after = volumes.writeChunk(target.pool(), target.volume(), chunk.getSize(), data);
            complete = after.upload() == null;
        } catch (VireoException e) {
            fail(e);
        } catch (IOException | RuntimeException e) {
            fail(new VireoException(ErrorCode.CHUNK_INVALID, e, target.volume(), "the chunk could not be written: " + e));
        }
        // the chunk's temporary file goes with the request (Undertow deletes the parts)
    }

    /** The browser's upload ended (done, refused or cancelled): say how, and leave no half volume. */
    public void ended() {
        consoleHost.apply();
        if (target == null) {
            return;
        }
        if (complete) {
            FacesErrors.info("Uploaded " + target.size() + " bytes into volume " + target.volume() + " of pool "
                    + target.pool());
            name = null;
        } else if (failure != null) {
            FacesErrors.show(failure, FORM);
        } else {
            removeVolume();
            FacesErrors.info("The upload into " + target.volume() + " stopped before its end: the volume is removed");
        }
        target = null;
        failure = null;
        complete = false;
    }

    private void fail(VireoException e) {
        failure = e;
        removeVolume();
        BrowserUploads.stopBrowser();
    }

    private void removeVolume() {
        try {
            volumes.delete(target.pool(), target.volume());
        } catch (VireoException gone) {
            // already removed (or never made): nothing is left behind either way
        }
    }

    public long getChunkBytes() {
        return CHUNK_BYTES;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
}
