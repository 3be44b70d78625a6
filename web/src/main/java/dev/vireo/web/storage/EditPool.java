package dev.vireo.web.storage;

import dev.vireo.error.VireoException;
import dev.vireo.storage.PoolRequest;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.web.zone.ConsoleHost;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Changes a storage pool: what the API's PUT takes (autostart; disks added to a logical pool), only what changed. */
@Named
@ViewScoped
public class EditPool implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    StoragePoolService pools;

    @Inject
    ConsoleHost consoleHost;

    private PoolView read;
    private boolean autostart;
    private String disks;

    public void open(String pool) {
        consoleHost.apply();
        try {
            read = pools.get(pool);
            autostart = Boolean.TRUE.equals(read.autostart());
            disks = null;
        } catch (VireoException e) {
            read = null;
            FacesErrors.show(e);
        }
    }

    public void save() {
        consoleHost.apply();
        if (read == null) {
            return;
        }
        List<String> added = disks == null || disks.isBlank() ? null : ConsoleFormat.list(disks);
        Boolean start = autostart == Boolean.TRUE.equals(read.autostart()) ? null : autostart;
        if (added == null && start == null) {
            read = null;
            return;
        }
        try {
            pools.update(read.name(), new PoolRequest(null, null, null, null, start, added));
            FacesErrors.info("Storage pool " + read.name() + " saved");
            read = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "edit-pool");
        }
    }

    /** Only logical pools take more disks (a volume group grows by physical volumes). */
    public boolean isLogical() {
        return read != null && "logical".equals(read.type());
    }

    public boolean isOpen() {
        return read != null;
    }

    public PoolView getPool() {
        return read;
    }

    public boolean isAutostart() { return autostart; }
    public void setAutostart(boolean autostart) { this.autostart = autostart; }
    public String getDisks() { return disks; }
    public void setDisks(String disks) { this.disks = disks; }
}
