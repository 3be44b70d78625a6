package dev.vireo.web.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;

/** Who uses the console and what they may do: the pages show only what the permissions allow. */
@Named
@RequestScoped
public class ConsoleUser {

    @Inject
    SecurityContext security;

    public String getName() {
        Principal caller = security.getCallerPrincipal();
        return caller == null ? null : caller.getName();
    }

    /** Whether the user holds a permission ({@code vm.manage}, …): the menu and buttons follow it. */
    public boolean may(String permission) {
        return security.isCallerInRole(permission);
    }
}
