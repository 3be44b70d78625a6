package dev.vireo;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The accounts the test servers start with (src-test/pom.xml gives them the first admin's password). */
public final class TestAccounts {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "vireo-test-admin";

    private TestAccounts() {
    }

    /** A JSON request to {@code base} as the first admin, with HTTP Basic. */
    public static RequestSpecification asAdmin(String base) {
        return as(base, ADMIN, ADMIN_PASSWORD);
    }

    public static RequestSpecification as(String base, String user, String password) {
        return given().baseUri(base).auth().preemptive().basic(user, password).accept(ContentType.JSON);
    }

    /** The Authorization header value of the first admin, for clients other than REST Assured. */
    public static String adminAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
