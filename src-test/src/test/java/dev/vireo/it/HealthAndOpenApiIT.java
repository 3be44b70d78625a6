package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static dev.vireo.it.Vireo.management;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthAndOpenApiIT {

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void isReadyWhenLibvirtAndTheDatabaseAnswer() {
        management().get("/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'libvirt' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'libvirt' }.data.uri", equalTo("test:///default"))
                .body("checks.find { it.name == 'database' }.status", equalTo("UP"));
    }

    @Test
    void describesTheWholeApiInOpenApi() {
        api().queryParam("format", "JSON").get("/openapi").then()
                .statusCode(200)
                .body("paths", hasKey("/api/vms"))
                .body("paths", hasKey("/api/vms/{name}"))
                .body("paths", hasKey("/api/vms/{name}/start"))
                .body("paths", hasKey("/api/tasks"))
                .body("paths", hasKey("/api/tasks/{id}"))
                .body("paths", hasKey("/api/config/capabilities"))
                .body("components.schemas.VmView.properties", hasKey("cpu_info"));
    }
}
