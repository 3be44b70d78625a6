package dev.vireo.security;

import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.HostConnections;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The caller of the current service call, as the container authenticated it. */
@Stateless
// reads only: a request that reads takes no transaction
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class Callers {

    @Resource
    SessionContext session;

    @EJB
    AccountDirectory directory;

    @EJB
    HostConnections hosts;

    @Inject
    PresentedKey presentedKey;

    /**
     * Which VM names the current caller may see, for views that name the VMs using something
     * (a network, a volume, a host device): the others are left out, as if they did not exist.
     */
    public Predicate<String> visibleVms() {
        Caller caller = current();
        if (caller.seesEverything()) {
            return name -> true;
        }
        Set<String> visible = hosts.local().domains().list().stream()
                .filter(domain -> caller.mayUse(domain.definition().metadata()))
                .map(DomainSummary::name)
                .collect(Collectors.toSet());
        return visible::contains;
    }

    /** The public id of the API token the current request came with; null without one (or outside a request). */
    public String currentToken() {
        try {
            return presentedKey.tokenId();
        } catch (ContextNotActiveException outsideARequest) {
            return null;
        }
    }

    public Caller current() {
        Principal principal = session.getCallerPrincipal();
        if (principal == null || Caller.ANONYMOUS_NAME.equals(principal.getName())) {
            return Caller.ANONYMOUS;
        }
        return directory.callerNamed(principal.getName());
    }
}
