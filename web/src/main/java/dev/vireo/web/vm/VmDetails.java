package dev.vireo.web.vm;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.template.TemplateRequest;
import dev.vireo.vm.MigrateRequest;
import dev.vireo.vm.SnapshotService;
import dev.vireo.vm.SnapshotView;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmStatsHistory;
import dev.vireo.vm.VmUpdateRequest;
import dev.vireo.vm.VmView;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.console.LineChart;
import dev.vireo.web.task.FollowTask;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.zone.ZoneHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.primefaces.PrimeFaces;
import org.primefaces.model.DefaultTreeNode;
import org.primefaces.model.TreeNode;

/**
 * One VM's page: its representation, usage charts of the last hour and screenshot, lifecycle
 * actions, the edit form (every field of the API's PUT; only what the user changed is sent), its
 * snapshots as a tree, and moving it to another host. Its disks and interfaces are {@link VmDevices}'.
 */
@Named
@ViewScoped
public class VmDetails implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    VmService vms;

    @EJB
    SnapshotService snapshots;

    @EJB
    ZoneHosts zone;

    @Inject
    FollowTask followTask;

    private String name;
    private VmView vm;
    private Form form;
    private DefaultTreeNode<SnapshotView.Node> snapshotTree;
    private String snapshotName;
    private String snapshotDescription;
    private String migrateHost;
    private String migrateCell;
    private List<String> otherCells;
    private String migrateUser;
    private int samples;
    private String percentChart;
    private String throughputChart;

    /** The edit form's fields, filled from the VM. */
    public static class Form implements Serializable {
        private static final long serialVersionUID = 1L;
        public String name;
        public String title;
        public String description;
        public Integer memory;
        public Integer maxmemory;
        public Integer vcpus;
        public Integer maxvcpus;
        public Integer sockets;
        public Integer cores;
        public Integer threads;
        public String bootorder;
        public boolean bootmenu;
        public boolean autostart;
        public String users;
        public String groups;
        public String graphicsType;
        /** A new console password: never shown, only set (blank = unchanged). */
        public String consolePassword;
        public Integer consolePasswordSeconds = 30;

        static Form of(VmView vm) {
            Form form = new Form();
            form.name = vm.name();
            form.title = vm.title();
            form.description = vm.description();
            form.memory = (int) vm.memory().current();
            form.maxmemory = (int) vm.memory().maxmemory();
            form.vcpus = vm.cpuInfo().vcpus();
            form.maxvcpus = vm.cpuInfo().maxvcpus();
            if (vm.cpuInfo().topology() != null) {
                form.sockets = vm.cpuInfo().topology().sockets();
                form.cores = vm.cpuInfo().topology().cores();
                form.threads = vm.cpuInfo().topology().threads();
            }
            form.bootorder = String.join(", ", vm.bootorder());
            form.bootmenu = vm.bootmenu();
            form.autostart = vm.autostart();
            form.users = String.join(", ", vm.users());
            form.groups = String.join(", ", vm.groups());
            form.graphicsType = vm.graphics().type();
            return form;
        }

        // getters and setters for EL
        public String getName() { return name; }
        public void setName(String v) { name = v; }
        public String getTitle() { return title; }
        public void setTitle(String v) { title = v; }
        public String getDescription() { return description; }
        public void setDescription(String v) { description = v; }
        public Integer getMemory() { return memory; }
        public void setMemory(Integer v) { memory = v; }
        public Integer getMaxmemory() { return maxmemory; }
        public void setMaxmemory(Integer v) { maxmemory = v; }
        public Integer getVcpus() { return vcpus; }
        public void setVcpus(Integer v) { vcpus = v; }
        public Integer getMaxvcpus() { return maxvcpus; }
        public void setMaxvcpus(Integer v) { maxvcpus = v; }
        public String getBootorder() { return bootorder; }
        public void setBootorder(String v) { bootorder = v; }
        public boolean isBootmenu() { return bootmenu; }
        public void setBootmenu(boolean v) { bootmenu = v; }
        public boolean isAutostart() { return autostart; }
        public void setAutostart(boolean v) { autostart = v; }
        public String getUsers() { return users; }
        public void setUsers(String v) { users = v; }
        public String getGroups() { return groups; }
        public void setGroups(String v) { groups = v; }
        public String getGraphicsType() { return graphicsType; }
        public void setGraphicsType(String v) { graphicsType = v; }
        public Integer getSockets() { return sockets; }
        public void setSockets(Integer v) { sockets = v; }
        public Integer getCores() { return cores; }
        public void setCores(Integer v) { cores = v; }
        public Integer getThreads() { return threads; }
        public void setThreads(Integer v) { threads = v; }
        public String getConsolePassword() { return consolePassword; }
        public void setConsolePassword(String v) { consolePassword = v; }
        public Integer getConsolePasswordSeconds() { return consolePasswordSeconds; }
        public void setConsolePasswordSeconds(Integer v) { consolePasswordSeconds = v; }
    }

    /** Called by the page's viewAction: a VM the user may not see is "does not exist", as in the API. */
    public void load() {
        try {
            vm = vms.get(name);
            if (form == null) {
                form = Form.of(vm);
            }
            charts();
            snapshotTree = tree(snapshots.tree(name));
        } catch (VireoException e) {
            vm = null;
            FacesErrors.show(e);
        }
    }

    public void refresh() {
        if (vm != null) {
            try {
                vm = vms.get(name);
                charts();
                // snapshots taken or removed elsewhere show up too
                snapshotTree = tree(snapshots.tree(name));
            } catch (VireoException e) {
                vm = null;
                FacesErrors.show(e);
            }
        }
    }

    private void charts() {
        VmStatsHistory history = vms.statsHistory(name);
        samples = history.timestamps().size();
        percentChart = LineChart.at(history.timestamps()).percent()
                .series("CPU %", "#1e6b52", history.cpuUtilization())
                .series("Memory %", "#3b6fb6", history.memUtilization()).json();
        throughputChart = LineChart.at(history.timestamps())
                .series("Network KiB/s", "#b26a00", history.netThroughput())
                .series("Disk KiB/s", "#7b3fa0", history.ioThroughput()).json();
    }

    private static DefaultTreeNode<SnapshotView.Node> tree(List<SnapshotView.Node> roots) {
        DefaultTreeNode<SnapshotView.Node> root = new DefaultTreeNode<>(null, null);
        add(root, roots);
        return root;
    }

    private static void add(TreeNode<SnapshotView.Node> parent, List<SnapshotView.Node> nodes) {
        for (SnapshotView.Node node : nodes) {
            TreeNode<SnapshotView.Node> child = new DefaultTreeNode<>(node, parent);
            child.setExpanded(true);
            add(child, node.children());
        }
    }

    public void act(String action) {
        try {
            vm = vms.act(name, DomainAction.valueOf(action.toUpperCase(Locale.ROOT)));
            FacesErrors.info(name + ": " + action + " done");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void delete() throws IOException {
        try {
            vms.delete(name);
            ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
            external.getFlash().setKeepMessages(true);
            FacesErrors.info(name + " deleted");
            external.redirect(external.getRequestContextPath() + "/console/vms.xhtml");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** Sends the fields the user changed; the service's refusal appears next to its field. */
    public void save() throws IOException {
        VmUpdateRequest change = changes(vm, form);
        try {
            VmService.Updated updated = vms.update(name, change);
            if (!updated.pendingUntilRestart().isEmpty()) {
                FacesErrors.info("Applies at the next start: " + String.join(", ", updated.pendingUntilRestart()));
            }
            if (!updated.vm().name().equals(name)) {
                ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
                external.getFlash().setKeepMessages(true);
                FacesErrors.info("Saved " + updated.vm().name());
                external.redirect(external.getRequestContextPath() + "/console/vm.xhtml?name="
                        + URLEncoder.encode(updated.vm().name(), StandardCharsets.UTF_8));
                return;
            }
            vm = updated.vm();
            form = Form.of(vm);
            FacesErrors.info("Saved " + name);
        } catch (VireoException e) {
            FacesErrors.show(e, "edit");
        }
    }

    static VmUpdateRequest changes(VmView vm, Form form) {
        TemplateRequest.Memory memory = Objects.equals(form.memory, (int) vm.memory().current())
                && Objects.equals(form.maxmemory, (int) vm.memory().maxmemory()) ? null
                : new TemplateRequest.Memory(form.memory, form.maxmemory);
        VmView.Topology had = vm.cpuInfo().topology();
        boolean sameTopology = had == null
                ? form.sockets == null && form.cores == null && form.threads == null
                : Objects.equals(form.sockets, had.sockets()) && Objects.equals(form.cores, had.cores())
                        && Objects.equals(form.threads, had.threads());
        TemplateRequest.CpuInfo cpu = Objects.equals(form.vcpus, vm.cpuInfo().vcpus())
                && Objects.equals(form.maxvcpus, vm.cpuInfo().maxvcpus()) && sameTopology ? null
                : new TemplateRequest.CpuInfo(form.vcpus, form.maxvcpus,
                        sameTopology ? null : new TemplateRequest.Topology(form.sockets, form.cores, form.threads));
        boolean newType = !Objects.equals(form.graphicsType, vm.graphics().type());
        boolean newPassword = form.consolePassword != null && !form.consolePassword.isEmpty();
        VmUpdateRequest.Graphics graphics = !newType && !newPassword ? null
                : new VmUpdateRequest.Graphics(newType ? form.graphicsType : null,
                        newPassword ? form.consolePassword : null, newPassword ? form.consolePasswordSeconds : null);
        return new VmUpdateRequest(
                changed(form.name, vm.name()),
                changedList(form.users, vm.users()),
                changedList(form.groups, vm.groups()),
                memory, graphics, cpu,
                changedList(form.bootorder, vm.bootorder()),
                form.bootmenu == vm.bootmenu() ? null : form.bootmenu,
                changed(blankToEmpty(form.description), blankToEmpty(vm.description())),
                changed(blankToEmpty(form.title), blankToEmpty(vm.title())),
                form.autostart == vm.autostart() ? null : form.autostart);
    }

    private static String changed(String value, String current) {
        return Objects.equals(value, current) ? null : value;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static List<String> changedList(String text, List<String> current) {
        List<String> value = ConsoleFormat.list(text);
        return value.equals(current) ? null : value;
    }

    /** Starts moving the VM to another libvirt host; the task follower shows it, the page then points back to the list. */
    public void migrate() {
        try {
            followTask.follow(vms.migrate(name, new MigrateRequest(blankToNull(migrateHost), blankToNull(migrateUser), null,
                    null, null)));
        } catch (VireoException e) {
            FacesErrors.show(e, "migrate");
        }
    }

    /** Starts moving the VM to the host of the zone chosen; the task follower shows it. */
    public void migrateToCell() {
        try {
            followTask.follow(vms.migrate(name, MigrateRequest.toHost(migrateCell)));
        } catch (VireoException e) {
            FacesErrors.show(e, "cell");
        }
    }

    /** The enabled hosts of the zone other than the VM's own: where it may migrate. */
    public List<String> getOtherCells() {
        if (otherCells == null) {
            String own = vm == null ? null : vm.host();
            otherCells = zone.all().stream().filter(host -> host.enabled() && !host.name().equals(own))
                    .map(ZoneHost::name).sorted().toList();
        }
        return otherCells;
    }

    public String getMigrateCell() {
        return migrateCell;
    }

    public void setMigrateCell(String migrateCell) {
        this.migrateCell = migrateCell;
    }

    public String getMigrateHost() {
        return migrateHost;
    }

    public void setMigrateHost(String migrateHost) {
        this.migrateHost = migrateHost;
    }

    public String getMigrateUser() {
        return migrateUser;
    }

    public void setMigrateUser(String migrateUser) {
        this.migrateUser = migrateUser;
    }

    /**
     * The connect action's one-time web console ticket (issued to this account) and VNC password
     * (both valid 30 s) for the page's noVNC.
     */
    public void connect() {
        try {
            VmService.ConsoleAccess access = vms.connect(name, 30);
            PrimeFaces.current().executeScript("vireoConsole.open(" + js(name) + ", " + js(access.ticket().secret())
                    + ", " + js(access.passwd()) + ", 'vnc-screen', 'vnc-status')");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** A JavaScript string literal. */
    static String js(String value) {
        StringBuilder literal = new StringBuilder("'");
        for (char c : value.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.') {
                literal.append(c);
            } else {
                literal.append(String.format("\\u%04x", (int) c));
            }
        }
        return literal.append('\'').toString();
    }

    public void createSnapshot() {
        try {
            followTask.follow(snapshots.create(name, blankToNull(snapshotName), blankToNull(snapshotDescription)),
                    "reloadSnapshots()");
            snapshotName = null;
            snapshotDescription = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "snapshots");
        }
    }

    public void revert(String snapshot) {
        try {
            snapshots.revert(name, snapshot);
            FacesErrors.info(name + " reverted to " + snapshot);
            load();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void deleteSnapshot(String snapshot) {
        try {
            snapshots.delete(name, snapshot);
            FacesErrors.info("Snapshot " + snapshot + " deleted");
            load();
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** After a snapshot task ends: show the new tree. */
    public void reloadSnapshots() {
        try {
            snapshotTree = tree(snapshots.tree(name));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public boolean fits(String action) {
        return vm != null && VmPage.fits(action, vm.state());
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public VmView getVm() {
        return vm;
    }

    /** The users the VM belongs to, as people read a list. */
    public String getOwners() {
        return vm == null ? "" : String.join(", ", vm.users());
    }

    public Form getForm() {
        return form;
    }

    /** How many samples the charts hold (none while the VM has not run in the last hour). */
    public int getSamples() {
        return samples;
    }

    public String getPercentChart() {
        return percentChart;
    }

    public String getThroughputChart() {
        return throughputChart;
    }

    public TreeNode<SnapshotView.Node> getSnapshotTree() {
        return snapshotTree;
    }

    public String getSnapshotName() {
        return snapshotName;
    }

    public void setSnapshotName(String snapshotName) {
        this.snapshotName = snapshotName;
    }

    public String getSnapshotDescription() {
        return snapshotDescription;
    }

    public void setSnapshotDescription(String snapshotDescription) {
        this.snapshotDescription = snapshotDescription;
    }

    /** A fresh screenshot URL each refresh (the API's image endpoint; the session cookie authenticates it). */
    public String getScreenshotUrl() {
        return vm == null || vm.screenshot() == null ? null
                : "/api/vms/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/screenshot?at=" + System.currentTimeMillis();
    }
}
