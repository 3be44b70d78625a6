package dev.vireo.web.zone;

import dev.vireo.zone.NamedHost;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;

/** Hands the host a request names ({@code ?host=cell-2}) to the services, which decide what it means. */
@Provider
public class HostParameter implements ContainerRequestFilter {

    static final String HOST = "host";

    @Inject
    NamedHost namedHost;

    /** A link to a resource of the host the request names: the same {@code ?host=}, none for the default host. */
    public static UriBuilder sameHost(UriBuilder link, UriInfo request) {
        String host = request.getQueryParameters().getFirst(HOST);
        return host == null ? link : link.queryParam(HOST, "{host}").resolveTemplate("host", host);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String host = request.getUriInfo().getQueryParameters().getFirst(HOST);
        if (host != null) {
            namedHost.name(host);
        }
    }
}
