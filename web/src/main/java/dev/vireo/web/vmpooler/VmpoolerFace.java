package dev.vireo.web.vmpooler;

import dev.vireo.web.ApiPathAlias;
import dev.vireo.web.VireoApplication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves vmpooler's API at {@code /vmpooler/api/v1/…}: its token routes are Vireo's own
 * {@code /api/token} (one token store), the rest live at {@code /api/vmpooler/v1/…} and answer in
 * vmpooler's shapes ({@link VmpoolerAnswers}).
 */
@WebFilter(VmpoolerFace.PREFIX + "/*")
public class VmpoolerFace extends ApiPathAlias {

    static final String PREFIX = "/vmpooler/api/v1";
    /** Where its resources are under the native root. */
    static final String ROOT = "/vmpooler/v1";

    public VmpoolerFace() {
        super(PREFIX, VireoApplication.ROOT + ROOT);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        if (path.equals("/token") || path.startsWith("/token/")) {
            request.setAttribute(VmpoolerAnswers.THROUGH_THE_FACE, Boolean.TRUE);
            request.getRequestDispatcher(VireoApplication.ROOT + path).forward(request, response);
            return;
        }
        super.doFilter(request, response, chain);
    }
}
