package dev.vireo.web.security;

import dev.vireo.error.VireoException;
import dev.vireo.security.AccessKeyService;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The console's login form: a Vireo session in an HttpOnly, SameSite=Strict cookie, then the dashboard. */
@Named
@RequestScoped
public class SignIn {

    static final String DASHBOARD = "/console/index.xhtml";

    @EJB
    AccessKeyService keys;

    private String user;
    private String password;

    public void signIn() throws IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            AccessKeyService.Issued session = keys.login(user, password, null, request.getRemoteAddr());
            // a browser-session cookie: the server ends the session when it has been idle for its timeout
            ((HttpServletResponse) external.getResponse()).addCookie(cookie(session.value(), -1, request.isSecure()));
            external.redirect(external.getRequestContextPath() + DASHBOARD);
        } catch (VireoException e) {
            // wrong credentials (AUTH0002E), too many failures (AUTH0003E, 429), missing field
            FacesErrors.show(e);
        }
    }

    /** The session cookie the API's login sets too; {@code maxAge} 0 removes it, -1 keeps it while the browser runs. */
    static Cookie cookie(String value, int maxAge, boolean secure) {
        Cookie cookie = new Cookie(Credentials.SESSION_COOKIE, value);
        cookie.setPath("/");
        cookie.setMaxAge(maxAge);
        cookie.setHttpOnly(true);
        cookie.setSecure(secure);
        cookie.setAttribute("SameSite", "Strict");
        return cookie;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
