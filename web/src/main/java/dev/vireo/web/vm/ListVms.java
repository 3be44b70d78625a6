package dev.vireo.web.vm;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.template.TemplateService;
import dev.vireo.template.TemplateView;
import dev.vireo.vm.VmCreateRequest;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmView;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.task.FollowTask;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/** The VM table (lazy: paged, sorted and filtered per request), its row and bulk actions, and "new VM from a template". */
@Named
@ViewScoped
public class ListVms implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    VmService vms;

    @EJB
    TemplateService templates;

    @Inject
    FollowTask followTask;

    private final LazyDataModel<VmView> model = new Model();
    private List<VmView> selected = new ArrayList<>();
    private String newName;
    private String newTemplate;

    /** The lazy model: every request reads the service's VM list once, then filters, sorts and pages it. */
    private final class Model extends LazyDataModel<VmView> {
        private static final long serialVersionUID = 1L;
        private transient List<VmView> filtered;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            filtered = VmPage.filter(vms.list(), filterBy);
            return filtered.size();
        }

        @Override
        public List<VmView> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            List<VmView> rows = filtered != null ? filtered : VmPage.filter(vms.list(), filterBy);
            filtered = null;
            return VmPage.page(rows, first, pageSize, sortBy);
        }

        @Override
        public String getRowKey(VmView vm) {
            return vm.name();
        }

        @Override
        public VmView getRowData(String name) {
            try {
                return vms.get(name);
            } catch (VireoException gone) {
                return null;
            }
        }
    }

    @PostConstruct
    void init() {
        List<TemplateView> all = templateList();
        newTemplate = all.isEmpty() ? null : all.get(0).name();
    }

    public void act(String name, String action) {
        try {
            vms.act(name, DomainAction.valueOf(action.toUpperCase(Locale.ROOT)));
            FacesErrors.info(name + ": " + action + " done");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void delete(String name) {
        try {
            vms.delete(name);
            FacesErrors.info(name + " deleted");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** Copies a shut-off VM and its disks as a task; the follower shows its progress and the clone's name. */
    public void cloneVm(String name) {
        try {
            followTask.follow(vms.cloneVm(name));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    /** The same action on every selected VM; each refusal is shown with the VM it concerns. */
    public void actOnSelected(String action) {
        if (selected.isEmpty()) {
            FacesErrors.info("Select virtual machines first");
            return;
        }
        for (VmView vm : List.copyOf(selected)) {
            if ("delete".equals(action)) {
                delete(vm.name());
            } else {
                act(vm.name(), action);
            }
        }
        selected = new ArrayList<>();
    }

    public void create() {
        try {
            followTask.follow(vms.create(new VmCreateRequest(newName, "/api/templates/" + newTemplate, null, null,
                    null, null, null, null, null, null)));
            newName = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-vm");
        }
    }

    /** The hosts of the VMs the caller sees, for the table's host filter. */
    public List<String> hostNames() {
        return vms.list().stream().map(VmView::host).filter(Objects::nonNull).distinct().sorted().toList();
    }

    public List<TemplateView> templateList() {
        try {
            return templates.list();
        } catch (RuntimeException notAllowed) {
            return List.of();
        }
    }

    /** Whether {@code action} fits a VM in {@code state} (the buttons that cannot work are disabled). */
    public boolean fits(String action, String state) {
        return VmPage.fits(action, state);
    }

    public LazyDataModel<VmView> getModel() {
        return model;
    }

    public List<VmView> getSelected() {
        return selected;
    }

    public void setSelected(List<VmView> selected) {
        this.selected = selected;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewTemplate() {
        return newTemplate;
    }

    public void setNewTemplate(String newTemplate) {
        this.newTemplate = newTemplate;
    }
}
