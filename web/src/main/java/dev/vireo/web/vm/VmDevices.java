package dev.vireo.web.vm;

import dev.vireo.error.VireoException;
import dev.vireo.network.NetworkService;
import dev.vireo.network.NetworkView;
import dev.vireo.security.Permission;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.storage.StorageVolumeService;
import dev.vireo.storage.VolumeRequest;
import dev.vireo.vm.NicRequest;
import dev.vireo.vm.NicView;
import dev.vireo.vm.StorageRequest;
import dev.vireo.vm.StorageView;
import dev.vireo.vm.VmNicService;
import dev.vireo.vm.VmStorageService;
import dev.vireo.web.console.ConsoleUser;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.host.Dashboard;
import dev.vireo.web.task.FollowTask;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * A VM's disks, CD-ROM drives and network interfaces on its page: the tables (kept current by the
 * page's poll), attach, CD-ROM media change and detach, through the same services as the API. A
 * disk on a new volume is two steps: the volume's creation (a task the page follows), then, once
 * it finished, the attach.
 */
@Named
@ViewScoped
public class VmDevices implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long GIB = 1024L * 1024 * 1024;

    @EJB
    VmStorageService storages;

    @EJB
    VmNicService nics;

    @EJB
    StorageVolumeService volumes;

    @EJB
    StoragePoolService pools;

    @EJB
    NetworkService networks;

    @Inject
    ConsoleUser user;

    @Inject
    VmDetails details;

    @Inject
    FollowTask followTask;

    private List<StorageView> storageList = List.of();
    private List<NicView> nicList = List.of();
    private List<String> poolNames = List.of();
    private List<String> networkNames = List.of();

    /** The attach forms: a disk ({@code new} volume, existing {@code volume}, or {@code cdrom}), an interface, media. */
    private String diskKind = "volume";
    private String pool;
    private String volume;
    private Integer capacityGib;
    private String path;
    private String network;
    private String model;
    private String mac;
    private String mediaDev;
    private String mediaPath;
    /** The volume whose creation task runs, attached once it finished. */
    private String creatingPool;
    private String creatingVolume;

    /** Called by the page's viewAction, after the VM's own. */
    public void load() {
        if (details.getVm() == null) {
            return;
        }
        refresh();
        if (user.may(Permission.STORAGE_READ)) {
            poolNames = pools.list().stream().filter(p -> "active".equals(p.state()) && !"kimchi-iso".equals(p.type()))
                    .map(PoolView::name).filter(name -> !"kimchi_isos".equals(name)).toList();
        }
        if (user.may(Permission.NETWORK_READ)) {
            networkNames = networks.list().stream().filter(n -> "active".equals(n.state())).map(NetworkView::name).toList();
        }
        pool = poolNames.isEmpty() ? null : poolNames.get(0);
        network = networkNames.isEmpty() ? null : networkNames.get(0);
    }

    /** The tables again: what changed elsewhere shows within the page's poll interval. */
    public void refresh() {
        if (details.getVm() == null) {
            return;
        }
        try {
            storageList = storages.list(details.getName());
            nicList = nics.list(details.getName());
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void attachDisk() {
        String vm = details.getName();
        try {
            switch (diskKind) {
                case "new" -> {
                    creatingPool = pool;
                    creatingVolume = volume;
                    followTask.follow(volumes.create(pool, new VolumeRequest(volume,
                            capacityGib == null ? null : capacityGib * GIB, "qcow2", null, null, null, null)), "attachNewVolume()");
                    return;
                }
                case "cdrom" -> attached(storages.attach(vm, new StorageRequest("cdrom", path, null, null)));
                default -> attached(storages.attach(vm, new StorageRequest("disk", null, pool, volume)));
            }
        } catch (VireoException e) {
            FacesErrors.show(e, "attach-disk");
        }
    }

    /** After the new volume's task ended: attach the volume if it was made. */
    public void attachNewVolume() {
        if (creatingVolume == null || !"finished".equals(followTask.getDone())) {
            return;
        }
        try {
            attached(storages.attach(details.getName(), new StorageRequest("disk", null, creatingPool, creatingVolume)));
        } catch (VireoException e) {
            FacesErrors.show(e);
        } finally {
            creatingVolume = null;
        }
    }

    private void attached(VmStorageService.Changed changed) {
        FacesErrors.info("Attached " + changed.storage().type() + " " + changed.storage().dev()
                + pendingNote(changed.pendingUntilRestart()));
        volume = null;
        path = null;
        capacityGib = null;
        refresh();
    }

    public void changeMedia() {
        try {
            VmStorageService.Changed changed = storages.changeMedia(details.getName(), mediaDev,
                    mediaPath == null ? "" : mediaPath.strip());
            FacesErrors.info((changed.storage().path().isEmpty() ? "Ejected the media of " : "Changed the media of ")
                    + mediaDev + pendingNote(changed.pendingUntilRestart()));
            mediaPath = null;
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e, "media");
        }
    }

    public void detachDisk(String dev) {
        try {
            List<String> pending = storages.detach(details.getName(), dev);
            FacesErrors.info("Detached " + dev + pendingNote(pending));
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void attachNic() {
        try {
            VmNicService.Changed changed = nics.attach(details.getName(),
                    new NicRequest(null, network, blankToNull(model), blankToNull(mac)));
            FacesErrors.info("Attached interface " + changed.nic().mac() + " on " + changed.nic().network()
                    + pendingNote(changed.pendingUntilRestart()));
            mac = null;
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e, "attach-nic");
        }
    }

    public void detachNic(String nicMac) {
        try {
            List<String> pending = nics.detach(details.getName(), nicMac);
            FacesErrors.info("Detached interface " + nicMac + pendingNote(pending));
            refresh();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    private static String pendingNote(List<String> pending) {
        return pending.isEmpty() ? "" : "; applies at the next start: " + String.join(", ", pending);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String size(Long bytes) {
        return bytes == null ? "" : Dashboard.bytes(bytes);
    }

    public String addresses(NicView nic) {
        return nic.ips() == null ? "" : String.join(", ", nic.ips());
    }

    public List<String> getCdroms() {
        return storageList.stream().filter(s -> "cdrom".equals(s.type())).map(StorageView::dev).toList();
    }

    public List<StorageView> getStorages() { return storageList; }
    public List<NicView> getNics() { return nicList; }
    public List<String> getPools() { return poolNames; }
    public List<String> getNetworks() { return networkNames; }
    public List<String> getModels() { return VmNicService.MODEL_NAMES; }
    public String getDiskKind() { return diskKind; }
    public void setDiskKind(String diskKind) { this.diskKind = diskKind; }
    public String getPool() { return pool; }
    public void setPool(String pool) { this.pool = pool; }
    public String getVolume() { return volume; }
    public void setVolume(String volume) { this.volume = volume; }
    public Integer getCapacityGib() { return capacityGib; }
    public void setCapacityGib(Integer capacityGib) { this.capacityGib = capacityGib; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getNetwork() { return network; }
    public void setNetwork(String network) { this.network = network; }
    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }
    public String getMac() { return mac; }
    public void setMac(String mac) { this.mac = mac; }
    public String getMediaDev() { return mediaDev; }
    public void setMediaDev(String mediaDev) { this.mediaDev = mediaDev; }
    public String getMediaPath() { return mediaPath; }
    public void setMediaPath(String mediaPath) { this.mediaPath = mediaPath; }
}
