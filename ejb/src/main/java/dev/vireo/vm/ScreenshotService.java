package dev.vireo.vm;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.libvirt.Screenshot;
import dev.vireo.security.Permission;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Current pictures of VM displays as PNG. A capture is kept for {@value #FRESH_MILLIS} ms, so that
 * many viewers of one VM cost the hypervisor one capture. Whether the host can capture at all is
 * remembered for the capabilities resource (unknown until first tried).
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@RolesAllowed(Permission.VM_READ)
public class ScreenshotService {

    @Inject
    VmAccess access;

    static final long FRESH_MILLIS = 2_000;

    private record Capture(long takenAt, byte[] png) {
    }

    @EJB
    HostConnections hosts;

    private final Map<String, Capture> captures = new ConcurrentHashMap<>();
    private volatile Boolean hostCanCapture;

    /** A PNG of the VM's display, at most {@value #FRESH_MILLIS} ms old. */
    public byte[] png(String name) {
        DomainSummary vm = access.require(name);
        if (vm.state() != DomainState.RUNNING && vm.state() != DomainState.PAUSED && vm.state() != DomainState.BLOCKED) {
            throw new VireoException(ErrorCode.VM_WRONG_STATE, name, vm.state().apiName(), "show a screen");
        }
        long now = System.currentTimeMillis();
        Capture recent = captures.get(name);
        if (recent != null && now - recent.takenAt() < FRESH_MILLIS) {
            return recent.png();
        }
        byte[] png;
        try {
            Screenshot shot = access.hostOf(name).domains().screenshot(name)
                    .orElseThrow(() -> new VireoException(ErrorCode.VM_NOT_FOUND, name));
            png = PngImages.toPng(shot.mimeType(), shot.bytes());
        } catch (VireoException e) {
            if (e.status() != 404 && e.status() != 503) {
                hostCanCapture = false;
            }
            throw e;
        } catch (IllegalArgumentException e) {
            hostCanCapture = false;
            throw new VireoException(ErrorCode.HOST_UNSUPPORTED, e, e.getMessage());
        }
        hostCanCapture = true;
        captures.put(name, new Capture(now, png));
        captures.entrySet().removeIf(entry -> now - entry.getValue().takenAt() > 10 * FRESH_MILLIS);
        return png;
    }

    /** Whether screenshots worked on this host: null until one was tried. */
    @PermitAll
    public Boolean hostCanCapture() {
        return hostCanCapture;
    }
}
