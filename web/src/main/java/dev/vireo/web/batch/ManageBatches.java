package dev.vireo.web.batch;

import dev.vireo.batch.BatchService;
import dev.vireo.batch.BatchView;
import dev.vireo.error.VireoException;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's batches page: the batches one may see, newest first, with how many of their items
 * ended well or failed; a batch's items with their status, progress and error. The page polls
 * while a batch runs.
 */
@Named
@ViewScoped
public class ManageBatches implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    BatchService batches;

    private List<BatchView> listed;
    private String selected;

    public List<BatchView> getBatches() {
        if (listed == null) {
            listed = new ArrayList<>(batches.list(BatchResource.LISTED));
        }
        return listed;
    }

    /** Reads the batches again (the poll). */
    public void refresh() {
        listed = null;
    }

    /** Whether a batch still has items pending or under way: the page polls until none has. */
    public boolean isAnyRunning() {
        return getBatches().stream().anyMatch(BatchView::running);
    }

    public void select(String id) {
        selected = id;
    }

    public String getSelected() {
        return selected;
    }

    /** The selected batch as it stands now; none while no batch is selected or once it is gone. */
    public BatchView getBatch() {
        if (selected == null) {
            return null;
        }
        return getBatches().stream().filter(batch -> batch.id().equals(selected)).findFirst().orElseGet(() -> {
            try {
                return batches.get(selected);
            } catch (VireoException e) {
                FacesErrors.show(e);
                selected = null;
                return null;
            }
        });
    }

    public List<BatchView.Item> getItems() {
        BatchView batch = getBatch();
        return batch == null ? new ArrayList<>() : new ArrayList<>(batch.items());
    }

    /** "3 created, 1 failed, 2 under way": how the batch's items stand. */
    public String summary(BatchView batch) {
        long failed = batch.items().stream().filter(item -> "fail".equals(item.status())).count();
        long running = batch.items().stream().filter(BatchView.Item::running).count();
        long done = batch.items().size() - failed - running;
        String ended = "delete_guest".equals(batch.kind()) ? " deleted" : " created";
        return done + ended + ", " + failed + " failed" + (running == 0 ? "" : ", " + running + " under way");
    }

    /** A batch's kind as people say it. */
    public String kind(BatchView batch) {
        return "delete_guest".equals(batch.kind()) ? "delete guests" : "create guests";
    }
}
