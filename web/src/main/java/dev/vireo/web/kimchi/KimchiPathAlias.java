package dev.vireo.web.kimchi;

import dev.vireo.web.ApiPathAlias;
import dev.vireo.web.VireoApplication;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers every {@code /plugins/kimchi/…} request as the same {@code /api/…} request, marked as
 * one of the Kimchi face ({@link #isKimchiFace}) for the few places where Kimchi's behaviour and
 * the strict native API differ.
 */
@WebFilter(KimchiPathAlias.PREFIX + "/*")
public class KimchiPathAlias extends ApiPathAlias {

    static final String PREFIX = "/plugins/kimchi";

    /** The request is served on this thread from start to end: forwards run in the same thread. */
    private static final ThreadLocal<Boolean> KIMCHI_FACE = new ThreadLocal<>();

    public KimchiPathAlias() {
        super(PREFIX, VireoApplication.ROOT);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        KIMCHI_FACE.set(Boolean.TRUE);
        try {
            super.doFilter(request, response, chain);
        } finally {
            KIMCHI_FACE.remove();
        }
    }

    /** Whether the request being served came in under {@code /plugins/kimchi}. */
    public static boolean isKimchiFace() {
        return KIMCHI_FACE.get() != null;
    }
}
