package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainAction;
import dev.vireo.libvirt.LibvirtGateway;
import dev.vireo.validation.ResourceName;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Comparator;
import java.util.List;

/** Virtual machines of the managed host. */
@Stateless
public class VmService {

    @EJB
    LibvirtGateway libvirt;

    public List<VmView> list() {
        return libvirt.domains(libvirt.localUri()).stream()
                .map(VmView::of)
                .sorted(Comparator.comparing(VmView::name))
                .toList();
    }

    public VmView get(String name) {
        ResourceName.require("virtual machine", name);
        return libvirt.domain(libvirt.localUri(), name)
                .map(VmView::of)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
    }

    /** Applies a lifecycle action; libvirt refuses one that does not fit the state (409). */
    public VmView act(String name, DomainAction action) {
        ResourceName.require("virtual machine", name);
        return libvirt.act(libvirt.localUri(), name, action)
                .map(VmView::of)
                .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
    }
}
