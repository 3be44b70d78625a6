package dev.vireo.web.security;

import dev.vireo.error.VireoException;
import dev.vireo.security.AccessKeyService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Signing out of the console: the Vireo session ends at once, the cookie and the page state go. */
@Named
@RequestScoped
public class SignOut {

    @EJB
    AccessKeyService keys;

    public void signOut() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        Credentials credentials = Credentials.of(request);
        if (credentials != null && credentials.bearer() != null) {
            try {
                keys.logout(credentials.bearer());
            } catch (VireoException alreadyEnded) {
                // nothing left to end
            }
        }
        ((HttpServletResponse) external.getResponse()).addCookie(SignIn.cookie("", 0, request.isSecure()));
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + ConsolePaths.LOGIN + "?signedOut=true");
    }
}
