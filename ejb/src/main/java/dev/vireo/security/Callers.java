package dev.vireo.security;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.security.Principal;

/** The caller of the current service call, as the container authenticated it. */
@Stateless
public class Callers {

    @Resource
    SessionContext session;

    @EJB
    AccountDirectory directory;

    public Caller current() {
        Principal principal = session.getCallerPrincipal();
        if (principal == null || Caller.ANONYMOUS_NAME.equals(principal.getName())) {
            return Caller.ANONYMOUS;
        }
        return directory.callerNamed(principal.getName());
    }
}
