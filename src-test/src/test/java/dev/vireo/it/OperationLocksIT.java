package dev.vireo.it;

import static dev.vireo.it.Vireo.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Conflicting operations on one target, sent at once: each is serialized behind the target's lock
 * or refused with 409 naming what holds it; never a 500, never a lost change, never two objects
 * of one name.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationLocksIT {

    private final ExecutorService clients = Executors.newFixedThreadPool(20);
    private String template;

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @BeforeEach
    void aTemplate() {
        template = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        api().contentType(ContentType.JSON).body("{\"name\": \"" + template + "\", \"source_media\": {\"type\": \"netboot\"},"
                + " \"memory\": {\"current\": 256, \"maxmemory\": 1024}, \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                .post("/api/templates").then().statusCode(201);
    }

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void concurrentChangesOfDifferentFieldsAreAllKept() throws Exception {
        String vm = vm(template + "-put");
        for (int i = 0; i < 30; i++) {
            int n = i;
            List<Response> answers = atOnce(List.of(
                    () -> put(vm, "{\"title\": \"title " + n + "\"}"),
                    () -> put(vm, "{\"description\": \"description " + n + "\"}"),
                    () -> put(vm, "{\"memory\": {\"current\": " + (256 + 16 * n) + "}}")));
            assertThat(answers).extracting(Response::statusCode).as("pair %d", n).containsOnly(200);

            JsonPath now = api().get("/api/vms/" + vm).then().statusCode(200).extract().jsonPath();
            assertThat(now.getString("title")).isEqualTo("title " + n);
            assertThat(now.getString("description")).isEqualTo("description " + n);
            assertThat(now.getInt("memory.current")).isEqualTo(256 + 16 * n);
        }
    }

    @Test
    void fiftyConflictingRequestsOnOneVmAnswerWithoutAServerError() throws Exception {
        String vm = vm(template + "-act");
        List<String> actions = List.of("start", "poweroff", "suspend", "resume", "reset", "start", "poweroff", "connect");
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            requests.add(n % 5 == 4
                    ? () -> put(vm, "{\"title\": \"busy " + n + "\"}")
                    : () -> api().post("/api/vms/" + vm + "/" + actions.get(n % actions.size())));
        }

        List<Response> answers = atOnce(requests);

        assertThat(statuses(answers)).allSatisfy((status, count) -> assertThat(status).isIn(200, 409));
        answers.stream().filter(answer -> answer.statusCode() == 409)
                .forEach(answer -> assertThat(answer.jsonPath().getString("code")).isIn("LOCK0001E", "VMS0005E", "HOST0002E", "HOST0003E"));
        api().get("/api/vms/" + vm).then().statusCode(200);
    }

    @Test
    void aDeleteAmongSuspendsLeavesNeitherAServerErrorNorTheVmsDisk() throws Exception {
        String vm = vm(template + "-del");
        String disk = Vireo.diskVolume(vm, 0);
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(i == 5 ? () -> api().delete("/api/vms/" + vm) : () -> api().post("/api/vms/" + vm + "/suspend"));
        }

        List<Response> answers = atOnce(requests);

        assertThat(answers.get(5).statusCode()).isEqualTo(204);
        assertThat(statuses(answers)).allSatisfy((status, count) -> assertThat(status).isIn(200, 204, 404, 409));
        api().get("/api/vms/" + vm).then().statusCode(404);
        assertThat(api().get("/api/storagepools/default-pool/storagevolumes").then().statusCode(200)
                .extract().jsonPath().getList("name", String.class)).doesNotContain(disk);
    }

    @Test
    void ofTwentySameNameCreatesOneIsAcceptedAndTheOthersRefusedAtOnce() throws Exception {
        String vm = template + "-same";
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(() -> api().contentType(ContentType.JSON)
                    .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + vm + "\"}").post("/api/vms"));
        }

        List<Response> answers = atOnce(requests);

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 202).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() != 202).hasSize(19)
                .allSatisfy(answer -> {
                    assertThat(answer.statusCode()).isEqualTo(409);
                    assertThat(answer.jsonPath().getString("code")).isIn("LOCK0001E", "VMS0006E");
                });
        String task = answers.stream().filter(answer -> answer.statusCode() == 202).findFirst().orElseThrow().path("id");
        assertThat(finish(task).getString("status")).isEqualTo("finished");
        assertThat(api().get("/api/tasks?target_uri=/api/vms/" + vm).then().statusCode(200)
                .extract().jsonPath().getList("status", String.class)).containsExactly("finished");
        assertThat(api().get("/api/vms").then().extract().jsonPath().getList("name", String.class)).containsOnlyOnce(vm);
    }

    @Test
    void tenClonesOfOneVmAtOnceRunOneAfterAnotherEachUnderItsOwnName() throws Exception {
        String vm = vm(template + "-cln");
        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            requests.add(() -> api().post("/api/vms/" + vm + "/clone"));
        }

        List<Response> answers = atOnce(requests);

        // a clone waits while another request holds the VM, and is refused while a clone's task does
        List<Response> accepted = answers.stream().filter(answer -> answer.statusCode() == 202).toList();
        assertThat(accepted).isNotEmpty();
        assertThat(answers).filteredOn(answer -> answer.statusCode() != 202).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(409);
            assertThat(answer.jsonPath().getString("code")).isEqualTo("LOCK0001E");
            assertThat(answer.jsonPath().getString("reason")).contains("virtual machine " + vm).contains("vm.clone (task ");
        });
        List<String> clones = new ArrayList<>();
        for (Response answer : accepted) {
            JsonPath task = finish(answer.path("id"));
            assertThat(task.getString("status")).as(task.getString("message")).isEqualTo("finished");
            clones.add(task.getString("target_uri").substring("/api/vms/".length()));
        }
        assertThat(clones).doesNotHaveDuplicates();
        assertThat(api().get("/api/vms").then().extract().jsonPath().getList("name", String.class))
                .filteredOn(name -> name.startsWith(vm + "-clone")).containsExactlyInAnyOrderElementsOf(clones);
        // the clones' tasks have ended: the source is free again
        api().post("/api/vms/" + vm + "/start").then().statusCode(200);
    }

    private String vm(String name) {
        String task = api().contentType(ContentType.JSON)
                .body("{\"template\": \"/api/templates/" + template + "\", \"name\": \"" + name + "\"}")
                .post("/api/vms").then().statusCode(202).extract().path("id");
        assertThat(finish(task).getString("status")).isEqualTo("finished");
        return name;
    }

    private static Response put(String vm, String body) {
        return api().contentType(ContentType.JSON).body(body).put("/api/vms/" + vm);
    }

    private static JsonPath finish(String task) {
        JsonPath[] seen = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            seen[0] = api().get("/api/tasks/" + task).then().extract().jsonPath();
            return !"running".equals(seen[0].getString("status"));
        });
        return seen[0];
    }

    /** Sends the requests together (released by one gate) and answers their responses in order. */
    private List<Response> atOnce(List<Callable<Response>> requests) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        for (Callable<Response> request : requests) {
            sent.add(clients.submit(() -> {
                gate.await();
                return request.call();
            }));
        }
        gate.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : sent) {
            answers.add(answer.get(2, TimeUnit.MINUTES));
        }
        return answers;
    }

    private static Map<Integer, Long> statuses(List<Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Response::statusCode, Collectors.counting()));
    }
}
