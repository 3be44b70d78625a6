package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does with the console's Faces pages, over plain HTTP: it keeps the cookies the
 * servers set (the HTTP session's and VIREO_SESSION), signs in through the login form, reads a
 * page's view state and posts its forms as PrimeFaces' Ajax does. Any server of a cluster may be
 * asked: the cookies go to whichever base a request names, as a load balancer would send them.
 */
final class ConsoleBrowser {

    static final String VIEW_STATE = "jakarta.faces.ViewState";
    private static final Pattern VIEW_STATE_VALUE =
            Pattern.compile("name=\"" + Pattern.quote(VIEW_STATE) + "\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern PARTIAL_VIEW_STATE =
            Pattern.compile("<update id=\"[^\"]*" + Pattern.quote(VIEW_STATE) + "[^\"]*\"><!\\[CDATA\\[([^\\]]+)\\]\\]>");

    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Signs in with the login form of {@code base}'s console; the answer sends the browser to the dashboard. */
    void signIn(String base, String user, String password) {
        Response form = get(base, "/console/login.xhtml");
        Response signedIn = post(base, "/console/login.xhtml", Map.of(
                "login", "login", "login:user", user, "login:password", password, "login:sign-in", "",
                VIEW_STATE, viewState(form)));
        assertThat(signedIn.statusCode()).as("the login form's answer").isEqualTo(302);
        assertThat(signedIn.header("Location")).endsWith("/console/index.xhtml");
        assertThat(cookies).containsKey("VIREO_SESSION");
    }

    /** A page, as the browser loads it (following no redirect: a 302 to the login page is an answer too). */
    Response get(String base, String page) {
        return keepCookies(request(base).get(page));
    }

    /** A Faces Ajax request of the page {@code page} in the view {@code viewState}, as PrimeFaces sends a button's click. */
    Response ajax(String base, String page, String viewState, String source, String execute, String render,
                  Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>(fields);
        body.put("jakarta.faces.partial.ajax", "true");
        body.put("jakarta.faces.source", source);
        body.put("jakarta.faces.partial.execute", execute);
        body.put("jakarta.faces.partial.render", render);
        body.put(source, source);
        body.put(VIEW_STATE, viewState);
        return keepCookies(request(base).header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest")
                .formParams(body).post(page));
    }

    /** The HTTP session's id, without the route of the node that made it (which WildFly appends after a dot). */
    String httpSession() {
        String value = cookies.get("JSESSIONID");
        return value == null ? null : value.replaceAll("\\..*$", "");
    }

    /** The view state of a whole page, or the one a partial (Ajax) answer sends back. */
    static String viewState(Response page) {
        String html = page.asString();
        Matcher whole = VIEW_STATE_VALUE.matcher(html);
        if (whole.find()) {
            return whole.group(1);
        }
        Matcher partial = PARTIAL_VIEW_STATE.matcher(html);
        assertThat(partial.find()).as("a view state in %s", html).isTrue();
        return partial.group(1);
    }

    private Response post(String base, String page, Map<String, String> fields) {
        return keepCookies(request(base).formParams(fields).post(page));
    }

    private RequestSpecification request(String base) {
        // a browser sends its page's origin with a POST; the console refuses changes without it
        return given().baseUri(base).header("Origin", base).cookies(cookies).redirects().follow(false)
                .urlEncodingEnabled(true);
    }

    private Response keepCookies(Response response) {
        response.getDetailedCookies().forEach(cookie -> {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
        return response;
    }
}
