package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.restassured.http.ContentType;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every failure is JSON {code, reason} with the right status; bad input changes nothing. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ErrorContractIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void malformedJsonIsA400AndTheActionIsNotApplied() {
        api().contentType(ContentType.JSON).body("{\"oops\": ").post("/api/vms/test/suspend").then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo("API0001E"))
                .body("reason", containsString("not valid JSON"));
        api().get("/api/vms/test").then().body("state", equalTo("running"));
    }

    @Test
    void anUnknownFieldIsNamedAndRefused() {
        api().contentType(ContentType.JSON).body("{\"force\": true}").post("/api/vms/test/poweroff").then()
                .statusCode(400)
                .body("code", equalTo("API0003E"))
                .body("reason", equalTo("Unknown field 'force'"));
        api().get("/api/vms/test").then().body("state", equalTo("running"));
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        api().contentType(ContentType.JSON).body("[1, 2]").post("/api/vms/test/suspend").then()
                .statusCode(400)
                .body("code", equalTo("API0002E"));
    }

    @Test
    void anUnknownPathIsA404InJson() {
        api().get("/api/no-such-collection").then()
                .statusCode(404)
                .contentType(ContentType.JSON)
                .body("code", equalTo("API0004E"))
                .body("reason", containsString("/api/no-such-collection"));
    }

    @Test
    void aMethodTheResourceDoesNotHaveIsA405() {
        api().delete("/api/vms").then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .body("code", equalTo("API0005E"));
    }

    @Test
    void noErrorShowsAStackTrace() {
        api().contentType(ContentType.JSON).body("{\"a\":").post("/api/vms/test/start").then()
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
    }
}
