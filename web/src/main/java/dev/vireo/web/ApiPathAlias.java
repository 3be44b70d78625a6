package dev.vireo.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves an API face's root (such as {@code /plugins/kimchi}) as a path under the native
 * {@code /api}: a request to {@code prefix/x} is answered as the request {@code target/x}, in the
 * same thread, through the same authentication, resources and services.
 */
public abstract class ApiPathAlias extends HttpFilter {

    private final String prefix;
    private final String target;

    protected ApiPathAlias(String prefix, String target) {
        this.prefix = prefix;
        this.target = target;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length() + prefix.length());
        request.getRequestDispatcher(target + path).forward(request, response);
    }
}
