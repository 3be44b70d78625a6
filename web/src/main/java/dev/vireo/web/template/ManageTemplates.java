package dev.vireo.web.template;

import dev.vireo.error.VireoException;
import dev.vireo.storage.PoolView;
import dev.vireo.storage.StoragePoolService;
import dev.vireo.template.TemplateRequest;
import dev.vireo.template.TemplateService;
import dev.vireo.template.TemplateView;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** The templates: list, create (the API's validation messages next to the fields), clone, delete. */
@Named
@ViewScoped
public class ManageTemplates implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    TemplateService templates;

    @EJB
    StoragePoolService pools;

    private String name;
    private String osDistro;
    private String osVersion;
    private String mediaType = "netboot";
    private String mediaPath;
    private Integer memory;
    private Integer maxmemory;
    private Integer vcpus = 1;
    private Integer diskSize = 10;
    private String pool;

    public List<TemplateView> getTemplates() {
        return templates.list();
    }

    /** The pools a template's disk can go to; empty when the user may not read storage (the field is then typed). */
    public List<String> getPools() {
        try {
            return pools.list().stream().map(PoolView::name).toList();
        } catch (RuntimeException notAllowed) {
            return List.of();
        }
    }

    public void create() {
        TemplateRequest request = new TemplateRequest(name,
                new TemplateRequest.SourceMedia(mediaType, "netboot".equals(mediaType) ? null : mediaPath),
                blankToNull(osDistro), blankToNull(osVersion), memory == null && maxmemory == null ? null : new TemplateRequest.Memory(memory, maxmemory), null,
                List.of(new TemplateRequest.Disk(null, diskSize, null, null,
                        pool == null || pool.isBlank() ? null : new TemplateRequest.Pool(pool, null))),
                null, vcpus == null ? null : new TemplateRequest.CpuInfo(vcpus, null, null), null, null, null);
        try {
            TemplateView created = templates.create(request);
            FacesErrors.info("Template " + created.name() + " created");
            name = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-template");
        }
    }

    public void cloneTemplate(String template) {
        try {
            FacesErrors.info("Template " + templates.cloneTemplate(template).name() + " created");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void delete(String template) {
        try {
            templates.delete(template);
            FacesErrors.info("Template " + template + " deleted");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getOsDistro() { return osDistro; }
    public void setOsDistro(String osDistro) { this.osDistro = osDistro; }
    public String getOsVersion() { return osVersion; }
    public void setOsVersion(String osVersion) { this.osVersion = osVersion; }
    public String getMediaType() { return mediaType; }
    public void setMediaType(String mediaType) { this.mediaType = mediaType; }
    public String getMediaPath() { return mediaPath; }
    public void setMediaPath(String mediaPath) { this.mediaPath = mediaPath; }
    public Integer getMemory() { return memory; }
    public void setMemory(Integer memory) { this.memory = memory; }
    public Integer getMaxmemory() { return maxmemory; }
    public void setMaxmemory(Integer maxmemory) { this.maxmemory = maxmemory; }
    public Integer getVcpus() { return vcpus; }
    public void setVcpus(Integer vcpus) { this.vcpus = vcpus; }
    public Integer getDiskSize() { return diskSize; }
    public void setDiskSize(Integer diskSize) { this.diskSize = diskSize; }
    public String getPool() { return pool; }
    public void setPool(String pool) { this.pool = pool; }
}
