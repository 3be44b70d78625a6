package dev.vireo.web.metrics;

import dev.vireo.web.VireoApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every REST request by route, the path template that answered it (so one series per
 * route, whatever names a request carries; requests no route matched count as
 * {@value #UNMATCHED}): {@code vireo_http_requests_seconds{method, route, status}} on
 * {@code /metrics}. The faces' requests count under the route that answers them
 * ({@code /plugins/kimchi/vms} as {@code /api/vms}). The time ends when the answer's status and
 * headers are set, before its body is written.
 */
@Provider
@PreMatching
public class RouteMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    static final String UNMATCHED = "unmatched";
    private static final String STARTED = RouteMetrics.class.getName() + ".started";
    private static final Map<Method, String> ROUTES = new ConcurrentHashMap<>();

    /** One series of the timer: looking a timer up by name and tags costs more than the request it times. */
    private record Series(String method, String route, int status) {
    }

    private final Map<Series, Timer> timers = new ConcurrentHashMap<>();

    @Inject
    MeterRegistry registry;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) {
            return;
        }
        Method method = resource.getResourceMethod();
        String route = method == null ? UNMATCHED : ROUTES.computeIfAbsent(method, key -> route(resource.getResourceClass(), key));
        timers.computeIfAbsent(new Series(request.getMethod(), route, response.getStatus()), this::timer)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    // through timer(name, tags): WildFly exports only what the registry's convenience methods register
    private Timer timer(Series series) {
        return registry.timer("vireo.http.requests", Tags.of("method", series.method(), "route", series.route(),
                "status", Integer.toString(series.status())));
    }

    /** The route's template as the OpenAPI document writes it, e.g. {@code /api/vms/{name}/start}. */
    static String route(Class<?> type, Method method) {
        StringBuilder route = new StringBuilder(VireoApplication.ROOT);
        Class<?> annotated = type;
        while (annotated != null && annotated.getAnnotation(Path.class) == null) {
            annotated = annotated.getSuperclass();
        }
        append(route, annotated == null ? null : annotated.getAnnotation(Path.class));
        append(route, method.getAnnotation(Path.class));
        return route.toString();
    }

    private static void append(StringBuilder route, Path path) {
        if (path == null) {
            return;
        }
        String value = path.value();
        if (!value.startsWith("/")) {
            route.append('/');
        }
        route.append(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
    }
}
