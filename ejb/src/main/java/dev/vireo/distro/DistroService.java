package dev.vireo.distro;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.security.Permission;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import jakarta.inject.Inject;

/**
 * The distributions Vireo can install, as Kimchi lists them: the catalogue of install media
 * ({@link DistroCatalogue}: shipped, plus the files of {@code vireo.distros.dir}) for the host's
 * architecture, then every ISO volume of an active pool, recognised by its label ({@link DistroLabels}).
 */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class DistroService {

    @EJB
    HostConnections hosts;

    @Inject
    @ConfigProperty(name = "vireo.distros.dir")
    Optional<String> catalogueDir;

    public List<DistroView> list() {
        return Stream.concat(catalogue().stream(), isoImages().sorted(Comparator.comparing(DistroView::name))).toList();
    }

    /** One distribution by name: a catalogue entry ({@code Fedora 41}) or an ISO volume's name. */
    public DistroView get(String name) {
        if (!DistroNames.valid(name)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "name", "a distribution's name is 1 to "
                    + DistroNames.MAX_LENGTH + " characters without '/' or control characters");
        }
        return catalogue().stream().filter(entry -> entry.name().equals(name)).findFirst()
                .or(() -> isoImages().filter(iso -> iso.name().equals(name)).findFirst())
                .orElseThrow(() -> new VireoException(ErrorCode.DISTRO_NOT_FOUND, name));
    }

    /** The distribution on the ISO image at {@code path}, {@link Distro#UNKNOWN} when not recognised. */
    @PermitAll
    public Distro of(String path) {
        return DistroLabels.recognise(hosts.local().storage().isoLabel(path).orElse(null));
    }

    private List<DistroView> catalogue() {
        String hostArch = hosts.local().host().node().arch();
        return DistroCatalogue.read(catalogueDir.filter(dir -> !dir.isBlank()).map(Path::of).orElse(null)).stream()
                .filter(entry -> hostArch == null || DistroCatalogue.runsOn(entry.osArch(), hostArch))
                .toList();
    }

    private Stream<DistroView> isoImages() {
        return hosts.local().storage().isoVolumes().stream().map(this::view);
    }

    private DistroView view(VolumeSummary iso) {
        Distro distro = of(iso.path());
        return new DistroView(iso.name(), distro.osDistro(), distro.osVersion(), null, iso.path());
    }
}
