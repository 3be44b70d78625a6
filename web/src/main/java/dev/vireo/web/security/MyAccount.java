package dev.vireo.web.security;

import dev.vireo.error.VireoException;
import dev.vireo.security.AccessKeyService;
import dev.vireo.security.AccountService;
import dev.vireo.security.Callers;
import dev.vireo.security.PasswordChange;
import dev.vireo.security.UserRequest;
import dev.vireo.security.UserView;
import dev.vireo.web.console.FacesErrors;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.util.List;

/**
 * The signed-in user's own account: nick and mail, password, API tokens. Everyone may use it.
 * A new token's value is shown once, right after it is issued.
 */
@Named
@ViewScoped
public class MyAccount implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AccountService accounts;

    @EJB
    AccessKeyService keys;

    @EJB
    Callers callers;

    private String name;
    private String nick;
    private String mail;
    private String oldPassword;
    private String newPassword;
    private boolean keepTokens;
    private AccessKeyService.Issued issued;

    @PostConstruct
    void load() {
        name = callers.current().name();
        UserView me = accounts.user(name);
        nick = me.nick();
        mail = me.mail();
    }

    public UserView getMe() {
        return accounts.user(name);
    }

    /** The caller's own tokens (a caller that sees everything sees all tokens through the API; here only its own). */
    public List<AccessKeyService.TokenView> getTokens() {
        return keys.tokens().stream().filter(token -> name.equals(token.user())).toList();
    }

    public void saveProfile() {
        try {
            UserView saved = accounts.updateUser(name, new UserRequest(null, nick == null ? "" : nick,
                    mail == null ? "" : mail, null, null));
            nick = saved.nick();
            mail = saved.mail();
            FacesErrors.info("Profile saved");
        } catch (VireoException e) {
            FacesErrors.show(e, "profile");
        }
    }

    /**
     * Changes the password; the service ends the user's sessions, so the console signs in again
     * with the new password and keeps going with a new session cookie.
     */
    public void changePassword() {
        try {
            accounts.changePassword(name, new PasswordChange(oldPassword, newPassword, keepTokens));
        } catch (VireoException e) {
            FacesErrors.show(e, "password-change");
            return;
        }
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        try {
            AccessKeyService.Issued session = keys.login(name, newPassword, null, request.getRemoteAddr());
            ((HttpServletResponse) external.getResponse())
                    .addCookie(SignIn.cookie(session.value(), session.timeout(), request.isSecure()));
            FacesErrors.info("Password changed");
        } catch (VireoException e) {
            FacesErrors.info("Password changed: sign in again with the new one");
        }
        oldPassword = null;
        newPassword = null;
        keepTokens = false;
    }

    public void createToken() {
        try {
            issued = keys.createToken();
            FacesErrors.info("Token " + issued.id() + " created: copy its value now, it is not shown again");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void forgetIssued() {
        issued = null;
    }

    public void revokeToken(String id) {
        try {
            keys.revokeToken(id);
            if (issued != null && issued.id().equals(id)) {
                issued = null;
            }
            FacesErrors.info("Token " + id + " revoked");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public String join(List<String> names) {
        return names == null ? "" : String.join(", ", names);
    }

    public String getName() { return name; }
    public String getNick() { return nick; }
    public void setNick(String nick) { this.nick = nick; }
    public String getMail() { return mail; }
    public void setMail(String mail) { this.mail = mail; }
    public String getOldPassword() { return oldPassword; }
    public void setOldPassword(String oldPassword) { this.oldPassword = oldPassword; }
    public String getNewPassword() { return newPassword; }
    public boolean isKeepTokens() { return keepTokens; }
    public void setKeepTokens(boolean keepTokens) { this.keepTokens = keepTokens; }
    public void setNewPassword(String newPassword) { this.newPassword = newPassword; }
    public AccessKeyService.Issued getIssued() { return issued; }
}
