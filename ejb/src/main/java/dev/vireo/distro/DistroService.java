package dev.vireo.distro;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.Comparator;
import java.util.List;

/**
 * The distributions the host's ISO images hold: every ISO volume of an active pool, recognised
 * by its label ({@link DistroLabels}).
 */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class DistroService {

    @EJB
    HostConnections hosts;

    public List<DistroView> list() {
        return hosts.local().storage().isoVolumes().stream()
                .map(this::view)
                .sorted(Comparator.comparing(DistroView::name))
                .toList();
    }

    public DistroView get(String name) {
        ResourceName.require("distribution", name);
        return hosts.local().storage().isoVolumes().stream()
                .filter(volume -> volume.name().equals(name))
                .findFirst()
                .map(this::view)
                .orElseThrow(() -> new VireoException(ErrorCode.DISTRO_NOT_FOUND, name));
    }

    /** The distribution on the ISO image at {@code path}, {@link Distro#UNKNOWN} when not recognised. */
    @PermitAll
    public Distro of(String path) {
        return DistroLabels.recognise(hosts.local().storage().isoLabel(path).orElse(null));
    }

    private DistroView view(VolumeSummary iso) {
        Distro distro = of(iso.path());
        return new DistroView(iso.name(), distro.osDistro(), distro.osVersion(), iso.path());
    }
}
