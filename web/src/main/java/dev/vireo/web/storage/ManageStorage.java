package dev.vireo.web.storage;

import dev.vireo.error.VireoException;
import dev.vireo.storage.PoolRequest;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeRequest;
import dev.vireo.storage.VolumeView;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.task.FollowTask;
import dev.vireo.web.zone.ConsoleHost;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Storage pools (create, activate, deactivate, delete) and the volumes of the chosen pool (create as a task, delete). */
@Named
@ViewScoped
public class ManageStorage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long GIB = 1024L * 1024 * 1024;

    @EJB
    StoragePoolService pools;

    @EJB
    StorageVolumeService volumes;

    @Inject
    FollowTask followTask;

    @Inject
    ConsoleHost consoleHost;

    private String pool;
    private String newPool;
    private String newPoolType = "dir";
    private String newPoolPath;
    private String newVolume;
    private Integer newVolumeGib = 1;
    private String newVolumeFormat = "qcow2";

    public List<PoolView> getPools() {
        consoleHost.apply();
        try {
            return pools.list();
        } catch (VireoException e) {
            FacesErrors.show(e);
            return List.of();
        }
    }

    /** Another host chosen: its pools are others, none of them open. */
    public void hostChanged() {
        pool = null;
    }

    public List<VolumeView> getVolumes() {
        if (pool == null) {
            return List.of();
        }
        consoleHost.apply();
        try {
            return volumes.list(pool);
        } catch (VireoException e) {
            FacesErrors.show(e);
            pool = null;
            return List.of();
        }
    }

    public void createPool() {
        consoleHost.apply();
        try {
            StoragePoolService.Created created = pools.create(new PoolRequest(newPool, newPoolType, newPoolPath, null, null,
                    null));
            FacesErrors.info(created.task() != null
                    ? "Storage pool " + newPool + ": scanning for ISO images (task " + created.task().id() + ")"
                    : "Storage pool " + created.pool().name() + " created");
            newPool = null;
            newPoolPath = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-pool");
        }
    }

    public void activate(String name, boolean active) {
        consoleHost.apply();
        try {
            if (active) {
                pools.activate(name);
            } else {
                pools.deactivate(name);
            }
            FacesErrors.info("Storage pool " + name + (active ? " activated" : " deactivated"));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void deletePool(String name) {
        consoleHost.apply();
        try {
            pools.delete(name);
            FacesErrors.info("Storage pool " + name + " deleted");
            if (name.equals(pool)) {
                pool = null;
            }
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void createVolume() {
        consoleHost.apply();
        try {
            followTask.follow(volumes.create(pool, new VolumeRequest(newVolume,
                    newVolumeGib == null ? null : newVolumeGib * GIB, newVolumeFormat, null, null, null, null)));
            newVolume = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "volumes");
        }
    }

    public void deleteVolume(String name) {
        consoleHost.apply();
        try {
            volumes.delete(pool, name);
            FacesErrors.info("Volume " + name + " deleted");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public String size(long bytes) {
        return dev.vireo.web.host.Dashboard.bytes(bytes);
    }

    public String getPool() { return pool; }
    public void setPool(String pool) { this.pool = pool; }
    public String getNewPool() { return newPool; }
    public void setNewPool(String newPool) { this.newPool = newPool; }
    public String getNewPoolType() { return newPoolType; }
    public void setNewPoolType(String newPoolType) { this.newPoolType = newPoolType; }
    public String getNewPoolPath() { return newPoolPath; }
    public void setNewPoolPath(String newPoolPath) { this.newPoolPath = newPoolPath; }
    public String getNewVolume() { return newVolume; }
    public void setNewVolume(String newVolume) { this.newVolume = newVolume; }
    public Integer getNewVolumeGib() { return newVolumeGib; }
    public void setNewVolumeGib(Integer newVolumeGib) { this.newVolumeGib = newVolumeGib; }
    public String getNewVolumeFormat() { return newVolumeFormat; }
    public void setNewVolumeFormat(String newVolumeFormat) { this.newVolumeFormat = newVolumeFormat; }
}
