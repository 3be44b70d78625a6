package dev.vireo.web.kimchi;

import dev.vireo.task.TaskView;
import dev.vireo.vm.VmView;
import dev.vireo.web.VireoApplication;
import dev.vireo.web.json.Same;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links as Kimchi writes them, in answers to requests of the Kimchi face: a task's
 * {@code target_uri} and a {@code Location} under {@code /plugins/kimchi} (the root the request
 * came in on), a VM's {@code screenshot} and {@code icon} relative, with Kimchi's default icon.
 */
@Provider
public class KimchiLinks implements ContainerResponseFilter {

    static final String DEFAULT_VM_ICON = "plugins/kimchi/images/icon-vm.png";
    private static final String NATIVE = VireoApplication.ROOT + "/";
    private static final String KIMCHI = KimchiPathAlias.PREFIX + "/";
    private static final int LIMIT = 20_000;
    private static final Map<Same, VmView> TRANSLATED = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!KimchiPathAlias.isKimchiFace()) {
            return;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        if (location != null) {
            response.getHeaders().putSingle(HttpHeaders.LOCATION, location(URI.create(location.toString())));
        }
        Object entity = response.getEntity();
        if (entity instanceof List<?> list && !list.isEmpty()
                && (list.get(0) instanceof TaskView || list.get(0) instanceof VmView)) {
            response.setEntity(list.stream().map(KimchiLinks::translate).toList());
        } else if (entity instanceof TaskView || entity instanceof VmView) {
            response.setEntity(translate(entity));
        }
    }

    /**
     * The VMs of a list as the face of the request shows them. The same view object gives the same
     * translated object, so that the list's JSON of unchanged VMs is reused on this root too.
     */
    public static List<VmView> vms(List<VmView> views) {
        if (!KimchiPathAlias.isKimchiFace()) {
            return views;
        }
        if (TRANSLATED.size() >= LIMIT) {
            TRANSLATED.clear();
        }
        return views.stream().map(view -> TRANSLATED.computeIfAbsent(new Same(view), same -> (VmView) translate(view)))
                .toList();
    }

    private static Object translate(Object entity) {
        if (entity instanceof TaskView task) {
            return task.withTargetUri(underKimchi(task.targetUri()));
        }
        if (entity instanceof VmView vm) {
            return vm.withImages(relative(vm.screenshot()), vm.icon() == null ? DEFAULT_VM_ICON : relative(vm.icon()));
        }
        return entity;
    }

    /** A native API path under Kimchi's root; anything else unchanged. */
    static String underKimchi(String path) {
        return path != null && path.startsWith(NATIVE) ? KIMCHI + path.substring(NATIVE.length()) : path;
    }

    private static URI location(URI location) {
        String path = location.getRawPath();
        if (path == null || !path.startsWith(NATIVE)) {
            return location;
        }
        return location.resolve(underKimchi(path) + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
    }

    private static String relative(String link) {
        return link != null && link.startsWith("/") ? link.substring(1) : link;
    }
}
