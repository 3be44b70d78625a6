package dev.vireo.template;

import dev.vireo.audit.Audited;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.lock.LockTarget;
import dev.vireo.lock.Locks;
import dev.vireo.storage.LocalMedia;
import dev.vireo.persistence.template.Template;
import dev.vireo.persistence.template.TemplateSettings;
import dev.vireo.security.Callers;
import dev.vireo.security.Permission;
import dev.vireo.validation.CloneNames;
import dev.vireo.validation.ResourceName;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Templates: recipes for VMs, stored in Vireo's database and checked against the host. */
@Stateless
@RolesAllowed(Permission.TEMPLATE_READ)
public class TemplateService {

    private static final String KIND = "template";

    @PersistenceContext(unitName = "vireo")
    EntityManager em;

    @EJB
    Callers callers;

    @EJB
    HostConnections hosts;

    @EJB
    Locks locks;

    @EJB
    LocalMedia media;

    @EJB
    TemplateIcons icons;

    @Inject
    @ConfigProperty(name = "vireo.storage.default-pool", defaultValue = "default")
    String defaultPool;

    public List<TemplateView> list() {
        HostFacts host = new LiveHostFacts(hosts.local());
        return em.createNamedQuery(Template.ALL, Template.class).getResultList().stream()
                .map(template -> view(template, host)).toList();
    }

    public TemplateView get(String name) {
        return view(find(name), new LiveHostFacts(hosts.local()));
    }

    @RolesAllowed(Permission.TEMPLATE_MANAGE)
    @Audited("template.create")
    public TemplateView create(TemplateRequest request) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require(KIND, request.name());
        requireFree(name);
        HostFacts host = LiveHostFacts.seenBy(hosts.local(), callers.current(), media);
        Template template = new Template(name, new TemplateRules(host, defaultPool).create(request), Instant.now());
        persist(template);
        return view(template, host);
    }

    /**
     * Changes the fields the request names.
     *
     * @param expectedVersion the version the client read (its If-Match), or null to skip that check
     */
    @RolesAllowed(Permission.TEMPLATE_MANAGE)
    @Audited("template.update")
    public TemplateView update(String name, TemplateRequest request, Long expectedVersion) {
        Template template = claim(name);
        if (expectedVersion != null && expectedVersion != template.getVersion()) {
            throw new VireoException(ErrorCode.TEMPLATE_CHANGED, name);
        }
        HostFacts host = LiveHostFacts.seenBy(hosts.local(), callers.current(), media);
        template.apply(new TemplateRules(host, defaultPool).update(template.settings(), request));
        if (request.name() != null && !request.name().equals(name)) {
            String newName = ResourceName.require(KIND, request.name());
            requireFree(newName);
            template.rename(newName);
        }
        try {
            em.flush();
            icons.changing();
        } catch (OptimisticLockException e) {
            throw new VireoException(ErrorCode.TEMPLATE_CHANGED, e, name);
        }
        return view(template, host);
    }

    @RolesAllowed(Permission.TEMPLATE_MANAGE)
    @Audited("template.delete")
    public void delete(String name) {
        em.remove(claim(name));
        icons.changing();
    }

    /** A copy named {@code <name>-cloneN}, N one more than the highest clone number taken. */
    @RolesAllowed(Permission.TEMPLATE_MANAGE)
    @Audited("template.clone")
    public TemplateView cloneTemplate(String name) {
        Template source = find(name);
        String cloneName = CloneNames.next(name, em.createQuery("select t.name from Template t", String.class)
                .getResultList());
        ResourceName.require(KIND, cloneName);
        requireFree(cloneName);
        Template clone = new Template(cloneName, source.settings(), Instant.now());
        persist(clone);
        return view(clone, new LiveHostFacts(hosts.local()));
    }

    /**
     * What a new VM gets from the template {@code name}, with the VM request's overrides applied
     * and checked by the template rules.
     *
     * @param pool     a pool name or URI for every new volume, or null
     * @param graphics the VM's graphics instead of the template's, or null
     */
    @PermitAll
    public TemplateSettings settingsForVm(String name, String pool, TemplateRequest.Graphics graphics) {
        Template template = byName(name).orElseThrow(() -> new VireoException(ErrorCode.VM_UNKNOWN_TEMPLATE, name));
        TemplateSettings settings = template.settings();
        if (pool == null && graphics == null) {
            return settings;
        }
        List<TemplateRequest.Disk> disks = pool == null ? null : settings.disks().stream()
                .map(disk -> new TemplateRequest.Disk(disk.index(), disk.sizeGb(), disk.volume(), disk.format(),
                        new TemplateRequest.Pool(disk.volume() == null ? pool : disk.pool(), null)))
                .toList();
        TemplateRequest overrides = new TemplateRequest(null, null, null, null, null, null, disks, graphics,
                null, null, null, null);
        return new TemplateRules(new LiveHostFacts(hosts.local()), defaultPool).update(settings, overrides);
    }

    /** The templates that put disks into {@code pool}. */
    @PermitAll
    public List<String> usingPool(String pool) {
        return em.createQuery("select distinct t.name from Template t join t.disks d where d.pool = :pool order by t.name",
                String.class).setParameter("pool", pool).getResultList();
    }

    /** The templates whose VMs get an interface on {@code network}, by network (one query for a network list). */
    @PermitAll
    public Map<String, List<String>> byNetwork() {
        Map<String, List<String>> templates = new HashMap<>();
        em.createQuery("select n, t.name from Template t join t.networks n order by t.name", Object[].class)
                .getResultList().forEach(row -> templates.computeIfAbsent((String) row[0], n -> new ArrayList<>())
                        .add((String) row[1]));
        return templates;
    }

    /** The template named {@code name}, for services that build from it. */
    @PermitAll
    public Optional<Template> byName(String name) {
        if (!ResourceName.isValid(name)) {
            return Optional.empty();
        }
        return em.createNamedQuery(Template.BY_NAME, Template.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    /** The template named, locked for the operation running now, and read again once locked. */
    private Template claim(String name) {
        find(name);
        locks.claim(LockTarget.template(name));
        Template template = find(name);
        em.refresh(template);
        return template;
    }

    private Template find(String name) {
        ResourceName.require(KIND, name);
        return byName(name).orElseThrow(() -> new VireoException(ErrorCode.TEMPLATE_NOT_FOUND, name));
    }

    /** Claims the name of a template to be made, then checks that no template has it. */
    private void requireFree(String name) {
        locks.claim(LockTarget.template(name));
        if (byName(name).isPresent()) {
            throw new VireoException(ErrorCode.TEMPLATE_EXISTS, name);
        }
    }

    private void persist(Template template) {
        try {
            em.persist(template);
            em.flush();
            icons.changing();
        } catch (PersistenceException e) {
            // another request took the name between the check and the insert
            throw new VireoException(ErrorCode.TEMPLATE_EXISTS, e, template.getName());
        }
    }

    private static TemplateView view(Template template, HostFacts host) {
        return TemplateView.of(template.getName(), template.getVersion(), template.settings(), host);
    }
}
