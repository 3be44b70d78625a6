package dev.vireo.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers every {@code /plugins/kimchi/…} request as the same {@code /api/…} request. */
@WebFilter(KimchiPathAlias.PREFIX + "/*")
public class KimchiPathAlias extends HttpFilter {

    static final String PREFIX = "/plugins/kimchi";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        request.getRequestDispatcher(VireoApplication.ROOT + path).forward(request, response);
    }
}
