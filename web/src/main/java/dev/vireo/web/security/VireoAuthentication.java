package dev.vireo.web.security;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.security.Authenticator;
import dev.vireo.security.PresentedKey;
import dev.vireo.web.VireoApplication;
import dev.vireo.web.nano.NanoEnvelope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Vireo's authentication mechanism (Jakarta Security): HTTP Basic for scripts, an API token as
 * {@code X-AUTH-TOKEN}, a token or a session as {@code Authorization: Bearer}, or the session
 * cookie the console gets at login (browsers' changes with it pass {@link CrossSiteGuard}). The caller's permissions become its container roles, which the services'
 * {@code @RolesAllowed} check. Only the login itself needs no credentials, and in the console the
 * login page and static resources; a browser asking for another console page without a valid
 * session is sent to the login page instead of getting the API's JSON 401.
 */
@ApplicationScoped
public class VireoAuthentication implements HttpAuthenticationMechanism {

    private static final Set<String> LOGIN_PATHS = Set.of(VireoApplication.ROOT + "/sessions",
            NanoEnvelope.ROOT + "/sessions", VireoApplication.ROOT + NanoEnvelope.ROOT + "/sessions");

    @EJB
    Authenticator authenticator;

    @Inject
    PresentedKey presentedKey;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        ConsolePaths.Kind console = ConsolePaths.of(request);
        if (console == ConsolePaths.Kind.PUBLIC) {
            // the login page, Faces resources and the console's static files need nobody
            return context.doNothing();
        }
        Credentials credentials = Credentials.of(request);
        if (credentials == null) {
            if (console == ConsolePaths.Kind.PAGE) {
                return ConsolePaths.toLogin(request, response, false);
            }
            return isLogin(request) ? context.doNothing() : refuse(request, response, new VireoException(ErrorCode.NOT_AUTHENTICATED));
        }
        String crossSite = CrossSiteGuard.refusal(CrossSiteGuard.Request.of(request), credentials,
                console == ConsolePaths.Kind.PAGE);
        if (crossSite != null) {
            return refuse(request, response, new VireoException(ErrorCode.CROSS_SITE_REQUEST, crossSite));
        }
        try {
            Authenticator.Authenticated caller = credentials.bearer() != null
                    ? authenticator.bearer(credentials.bearer(), credentials.carrier(), request.getRemoteAddr(),
                    console == ConsolePaths.Kind.PAGE)
                    : authenticator.password(credentials.user(), credentials.password(), request.getRemoteAddr());
            if (caller.tokenId() != null) {
                presentedKey.presentedToken(caller.tokenId());
            }
            return context.notifyContainerAboutLogin(caller.name(), caller.permissions());
        } catch (VireoException e) {
            // a console page with an ended (or revoked) session goes back to the login page
            return console == ConsolePaths.Kind.PAGE ? ConsolePaths.toLogin(request, response, true) : refuse(request, response, e);
        }
    }

    /** Signing in is the one request that needs no credentials: POST /api/sessions, or Nano's /nano/sessions. */
    private static boolean isLogin(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length()).replaceFirst("/$", "");
        return "POST".equals(request.getMethod()) && LOGIN_PATHS.contains(path);
    }

    /**
     * Fails the authentication with the refusal's status; the container then sends that status
     * as an error, whose page ({@link RefusalPage}) writes the refusal as JSON. Writing the body
     * here would commit the response before the container sends its error (an exception per
     * refused request in the log).
     */
    private static AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response, VireoException e) {
        request.setAttribute(RefusalPage.REFUSAL, e);
        response.setStatus(e.status());
        if (e.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Vireo\", charset=\"UTF-8\"");
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
