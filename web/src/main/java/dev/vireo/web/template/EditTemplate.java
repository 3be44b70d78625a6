package dev.vireo.web.template;

import dev.vireo.error.VireoException;
import dev.vireo.template.TemplateRequest;
import dev.vireo.template.TemplateService;
import dev.vireo.template.TemplateView;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.console.ConsoleFormat;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Changes a template: the fields of the API's PUT, filled from the template as it was read; only
 * what the user changed is sent, with the version read, so that a change made elsewhere meanwhile
 * is refused (TMPL0003E) instead of overwritten.
 */
@Named
@ViewScoped
public class EditTemplate implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String POOL_URI = "/plugins/kimchi/storagepools/";

    @EJB
    TemplateService templates;

    private TemplateView read;
    private Form form;

    /** One disk of the form: size (GB) and pool of a new volume, or a base volume (then only its pool shows). */
    public static class DiskRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final String volume;
        private final String format;
        private Integer size;
        private String pool;

        DiskRow(TemplateView.Disk disk) {
            index = disk.index();
            volume = disk.volume();
            format = disk.format();
            size = disk.size();
            pool = poolName(disk.pool().name());
        }

        TemplateRequest.Disk request() {
            return new TemplateRequest.Disk(index, volume == null ? size : null, volume, format,
                    new TemplateRequest.Pool(pool, null));
        }

        public int getIndex() { return index; }
        public String getVolume() { return volume; }
        public Integer getSize() { return size; }
        public void setSize(Integer size) { this.size = size; }
        public String getPool() { return pool; }
        public void setPool(String pool) { this.pool = pool; }
    }

    /** The form's fields; lists are typed comma-separated. */
    public static class Form implements Serializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private String osDistro;
        private String osVersion;
        private Integer memory;
        private Integer maxmemory;
        private Integer vcpus;
        private Integer maxvcpus;
        private String cdrom;
        private String networks;
        private String folder;
        private String graphicsType;
        private String graphicsListen;
        private List<DiskRow> disks;

        static Form of(TemplateView t) {
            Form form = new Form();
            form.name = t.name();
            form.osDistro = t.osDistro();
            form.osVersion = t.osVersion();
            form.memory = t.memory().current();
            form.maxmemory = t.memory().maxmemory();
            form.vcpus = t.cpuInfo().vcpus();
            form.maxvcpus = t.cpuInfo().maxvcpus();
            form.cdrom = t.cdrom();
            form.networks = String.join(", ", t.networks());
            form.folder = String.join(", ", t.folder());
            form.graphicsType = t.graphics().type() == null ? "" : t.graphics().type();
            form.graphicsListen = t.graphics().listen();
            form.disks = new ArrayList<>(t.disks().stream().map(DiskRow::new).toList());
            return form;
        }

        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getOsDistro() { return osDistro; }
        public void setOsDistro(String v) { osDistro = v; }
        public String getOsVersion() { return osVersion; }
        public void setOsVersion(String v) { osVersion = v; }
        public Integer getMemory() { return memory; }
        public void setMemory(Integer v) { memory = v; }
        public Integer getMaxmemory() { return maxmemory; }
        public void setMaxmemory(Integer v) { maxmemory = v; }
        public Integer getVcpus() { return vcpus; }
        public void setVcpus(Integer v) { vcpus = v; }
        public Integer getMaxvcpus() { return maxvcpus; }
        public void setMaxvcpus(Integer v) { maxvcpus = v; }
        public String getCdrom() { return cdrom; }
        public void setCdrom(String v) { cdrom = v; }
        public String getNetworks() { return networks; }
        public void setNetworks(String v) { networks = v; }
        public String getFolder() { return folder; }
        public void setFolder(String v) { folder = v; }
        public String getGraphicsType() { return graphicsType; }
        public void setGraphicsType(String v) { graphicsType = v; }
        public String getGraphicsListen() { return graphicsListen; }
        public void setGraphicsListen(String v) { graphicsListen = v; }
        public List<DiskRow> getDisks() { return disks; }
    }

    /** Reads the template into the form (the edit dialog opens on it). */
    public void open(String name) {
        try {
            read = templates.get(name);
            form = Form.of(read);
        } catch (VireoException e) {
            read = null;
            form = null;
            FacesErrors.show(e);
        }
    }

    /** Sends what changed since the template was read, with the version read. */
    public void save() {
        if (read == null) {
            return;
        }
        try {
            TemplateView saved = templates.update(read.name(), changes(read, form), read.version());
            FacesErrors.info("Template " + saved.name() + " saved");
            read = null;
            form = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "edit-template");
        }
    }

    static TemplateRequest changes(TemplateView t, Form form) {
        TemplateRequest.Memory memory = Objects.equals(form.memory, t.memory().current())
                && Objects.equals(form.maxmemory, t.memory().maxmemory()) ? null
                : new TemplateRequest.Memory(form.memory, form.maxmemory);
        TemplateRequest.CpuInfo cpu = Objects.equals(form.vcpus, t.cpuInfo().vcpus())
                && Objects.equals(form.maxvcpus, t.cpuInfo().maxvcpus()) ? null
                : new TemplateRequest.CpuInfo(form.vcpus, form.maxvcpus, null);
        String graphicsType = blankToNull(form.graphicsType);
        TemplateRequest.Graphics graphics = Objects.equals(graphicsType, t.graphics().type())
                && Objects.equals(blankToNull(form.graphicsListen), t.graphics().listen()) ? null
                : new TemplateRequest.Graphics(graphicsType, graphicsType == null ? null : blankToNull(form.graphicsListen));
        List<TemplateRequest.Disk> disks = form.disks.stream().map(DiskRow::request).toList();
        List<TemplateRequest.Disk> readDisks = t.disks().stream().map(DiskRow::new).map(DiskRow::request).toList();
        return new TemplateRequest(
                changed(form.name, t.name()),
                null,
                changed(form.osDistro, t.osDistro()),
                changed(form.osVersion, t.osVersion()),
                memory,
                changedList(form.networks, t.networks()),
                disks.equals(readDisks) ? null : disks,
                graphics,
                cpu,
                changedList(form.folder, t.folder()),
                null,
                changed(form.cdrom, t.cdrom()));
    }

    private static String changed(String value, String current) {
        String given = blankToNull(value);
        return Objects.equals(given, current) ? null : given == null ? "" : given;
    }

    private static List<String> changedList(String text, List<String> current) {
        List<String> value = ConsoleFormat.list(text);
        return value.equals(current) ? null : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String poolName(String uri) {
        return uri != null && uri.startsWith(POOL_URI) ? uri.substring(POOL_URI.length()) : uri;
    }

    public boolean isOpen() {
        return form != null;
    }

    public Form getForm() {
        return form;
    }
}
