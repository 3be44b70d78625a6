package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vireo.TestAccounts;
import dev.vireo.security.BuiltinRole;
import dev.vireo.security.Permission;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every route of the OpenAPI document × each built-in role and an account with no role × own and
 * foreign objects, each cell's expected answer derived from ONE table ({@link #TABLE}): per route
 * the permission it needs and whether (and how) it is scoped to an object. A route of the
 * document without a row, or a row for a route the document lacks, fails the test.
 *
 * <p>A cell is answered <em>allowed</em> when authorization let it through: anything but 401, 403,
 * a 5xx, or the 404 that hides the object. To stay fast and leave the fixtures as they are, an
 * allowed destructive request aims at something that is not there, at an object made for that one
 * cell, or is refused by the service for a reason found after authorization (a wrong state, an
 * invalid field): a refused request is refused before any work.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationMatrixIT {

    /** Who asks: an account in each built-in group, and one in no group at all. */
    enum Who {
        ADMIN(BuiltinRole.ADMIN.permissions()),
        USER(BuiltinRole.USER.permissions()),
        AUDITOR(BuiltinRole.AUDITOR.permissions()),
        NONE(Set.of());

        final Set<String> permissions;

        Who(Set<String> permissions) {
            this.permissions = permissions;
        }

        boolean has(String permission) {
            return permissions.contains(permission);
        }
    }

    /** Whose object a cell acts on: the caller's own (made by or shared with it), someone else's, or no object at all. */
    enum Whose { OWN, FOREIGN, ANY }

    enum Outcome {
        /** authorization passed: neither 401, 403, a 5xx, nor the 404 that hides the object */
        ALLOWED,
        /** 403 AUTH0004E: the role does not grant it */
        FORBIDDEN,
        /** 404 with the object's not-found code: it does not exist for the caller */
        HIDDEN,
        /** 400 with the rule's code: an object the body names does not exist for the caller */
        UNKNOWN_IN_BODY,
        /** no such cell (an account that cannot own that kind of object) */
        NONE
    }

    /** What a route needs: the expected outcome of each cell; {@code scoped} rules have own and foreign cells. */
    record Rule(boolean scoped, String hiddenCode, java.util.function.BiFunction<Who, Whose, Outcome> expect) {
    }

    /** One row of the table: a route of the OpenAPI document, its rule, and the request a cell sends. */
    record Row(String method, String path, Rule rule, Function<Cell, Response> request) {
        String route() {
            return method + " " + path;
        }
    }

    // the rules

    /** Anyone signed in. */
    static Rule open() {
        return new Rule(false, null, (who, whose) -> Outcome.ALLOWED);
    }

    /** A permission, on no particular object. */
    static Rule needs(String permission) {
        return new Rule(false, null, (who, whose) -> who.has(permission) ? Outcome.ALLOWED : Outcome.FORBIDDEN);
    }

    /** Every one of several permissions, on no particular object. */
    static Rule needsAll(String... permissions) {
        return new Rule(false, null, (who, whose) -> java.util.Arrays.stream(permissions).allMatch(who::has)
                ? Outcome.ALLOWED : Outcome.FORBIDDEN);
    }

    /** A permission on a VM: others' VMs are hidden unless the caller sees everything (scope.all). */
    static Rule vm(String permission) {
        return new Rule(true, "VMS0004E", (who, whose) -> !who.has(permission) ? Outcome.FORBIDDEN
                : whose == Whose.OWN || who.has(Permission.SCOPE_ALL) ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    /** A permission on a VM known by its UUID (Nano's guests and instances): others' are hidden as VMs are. */
    static Rule guest(String permission) {
        return new Rule(true, "NANO0001E", (who, whose) -> !who.has(permission) ? Outcome.FORBIDDEN
                : whose == Whose.OWN || who.has(Permission.SCOPE_ALL) ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    /** A permission on a VM as the Xen REST face names it (by UUID or name): others' are hidden as VMs are. */
    static Rule domain(String permission) {
        return new Rule(true, "XEN0003E", (who, whose) -> !who.has(permission) ? Outcome.FORBIDDEN
                : whose == Whose.OWN || who.has(Permission.SCOPE_ALL) ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    /** Raw domain XML (a definition, a device): a VM permission and host.manage, for raw XML can name anything of the host. */
    static Rule rawXml(String permission, boolean scoped) {
        return new Rule(scoped, null, (who, whose) -> who.has(permission) && who.has(Permission.HOST_MANAGE)
                ? Outcome.ALLOWED : Outcome.FORBIDDEN);
    }

    /** Issue 13 item 1: a volume of a VM (its content, its name) only for those who may use that VM; to others it does not exist. */
    static Rule volumeOfVm(String permission) {
        return new Rule(true, "STG0006E", (who, whose) -> !who.has(permission) ? Outcome.FORBIDDEN
                : whose == Whose.OWN || who.has(Permission.SCOPE_ALL) ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    /** Issue 13 item 1: a listing of volumes answers, but names a VM's volume only to those who may use the VM. */
    static Rule volumeListing(String permission) {
        return new Rule(true, null, (who, whose) -> who.has(permission) ? Outcome.ALLOWED : Outcome.FORBIDDEN);
    }

    /**
     * Issue 13 item 2: attaching an existing volume takes the right to use the VM that holds it; to
     * others another VM's volume is as absent as a volume that does not exist (400 VMS0014E).
     */
    static Rule attachVolume() {
        return new Rule(true, "VMS0014E", (who, whose) -> !who.has(Permission.VM_MANAGE) ? Outcome.FORBIDDEN
                : whose == Whose.OWN || who.has(Permission.SCOPE_ALL) ? Outcome.ALLOWED : Outcome.UNKNOWN_IN_BODY);
    }

    /** A permission on one's own task; others' are hidden unless the caller sees everything. */
    static Rule task() {
        return new Rule(true, "TASK0001E", (who, whose) -> !who.has(Permission.TASK_READ) ? Outcome.FORBIDDEN
                : whose == Whose.OWN && !(who == Who.ADMIN || who == Who.USER) ? Outcome.NONE
                : whose == Whose.OWN || who.has(Permission.SCOPE_ALL) ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    /** Reading a token or session: one's own; others' only for those who see everything. */
    static Rule readKey(String hiddenCode) {
        return new Rule(true, hiddenCode, (who, whose) -> whose == Whose.OWN || who.has(Permission.SCOPE_ALL)
                ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    /**
     * Issue 13 item 4: revoking (or refreshing) a token or session: only its owner or an account
     * manager; the auditor sees others' but may not touch them.
     */
    static Rule revokeKey(String hiddenCode) {
        return new Rule(true, hiddenCode, (who, whose) -> whose == Whose.OWN || who.has(Permission.ACCOUNT_MANAGE)
                ? Outcome.ALLOWED : who.has(Permission.SCOPE_ALL) ? Outcome.FORBIDDEN : Outcome.HIDDEN);
    }

    /** An account itself, or another's with a permission; without it another's account does not exist. */
    static Rule selfOr(String permission) {
        return new Rule(true, "USER0001E", (who, whose) -> whose == Whose.OWN || who.has(permission)
                ? Outcome.ALLOWED : Outcome.HIDDEN);
    }

    // the table

    private static final String NONE_NAME = "am-none";
    private static final String POOL = "/api/storagepools/default-pool";
    private static final String JSON_BAD_NAME = "{\"name\": \"-not-a-name\"}";
    private static final String XEN = "/libvirt/xen/nodes";

    private static final List<Row> TABLE = List.of(
            row("GET", "/api/addresspools", needs(Permission.ADDRESSPOOL_READ), c -> c.get("/api/addresspools")),
            row("POST", "/api/addresspools", needs(Permission.ADDRESSPOOL_MANAGE), c -> c.json("POST", "/api/addresspools", JSON_BAD_NAME)),
            row("GET", "/api/addresspools/{name}", needs(Permission.ADDRESSPOOL_READ), c -> c.get("/api/addresspools/" + NONE_NAME)),
            row("PUT", "/api/addresspools/{name}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.json("PUT", "/api/addresspools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/addresspools/{name}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.send("DELETE", "/api/addresspools/" + NONE_NAME)),
            row("GET", "/api/addresspools/{name}/ranges/{type}", needs(Permission.ADDRESSPOOL_READ),
                    c -> c.get("/api/addresspools/" + NONE_NAME + "/ranges/internal")),
            row("POST", "/api/addresspools/{name}/ranges/{type}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.json("POST", "/api/addresspools/" + NONE_NAME + "/ranges/internal", "{}")),
            row("GET", "/api/addresspools/{name}/ranges/{type}/{start}", needs(Permission.ADDRESSPOOL_READ),
                    c -> c.get("/api/addresspools/" + NONE_NAME + "/ranges/internal/10.0.0.1")),
            row("DELETE", "/api/addresspools/{name}/ranges/{type}/{start}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.send("DELETE", "/api/addresspools/" + NONE_NAME + "/ranges/internal/10.0.0.1")),
            row("POST", "/api/addresspools/{name}/allocations", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.json("POST", "/api/addresspools/" + NONE_NAME + "/allocations", "{\"instance\": \"x\"}")),
            row("DELETE", "/api/addresspools/{name}/allocations/{address}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.send("DELETE", "/api/addresspools/" + NONE_NAME + "/allocations/10.0.0.1")),
            row("GET", "/api/nano/address_pools", needs(Permission.ADDRESSPOOL_READ), c -> c.get("/nano/address_pools/")),
            row("GET", "/api/nano/address_pools/{name}", needs(Permission.ADDRESSPOOL_READ),
                    c -> c.get("/nano/address_pools/" + NONE_NAME)),
            row("POST", "/api/nano/address_pools/{name}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.json("POST", "/nano/address_pools/-not-a-name", "{}")),
            row("PUT", "/api/nano/address_pools/{name}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.json("PUT", "/nano/address_pools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/nano/address_pools/{name}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.send("DELETE", "/nano/address_pools/" + NONE_NAME)),
            row("GET", "/api/nano/address_pools/{name}/{type}/ranges", needs(Permission.ADDRESSPOOL_READ),
                    c -> c.get("/nano/address_pools/" + NONE_NAME + "/internal/ranges/")),
            row("GET", "/api/nano/address_pools/{name}/{type}/ranges/{start}", needs(Permission.ADDRESSPOOL_READ),
                    c -> c.get("/nano/address_pools/" + NONE_NAME + "/internal/ranges/10.0.0.1")),
            row("POST", "/api/nano/address_pools/{name}/{type}/ranges/{start}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.json("POST", "/nano/address_pools/" + NONE_NAME + "/internal/ranges/10.0.0.1", "{}")),
            row("DELETE", "/api/nano/address_pools/{name}/{type}/ranges/{start}", needs(Permission.ADDRESSPOOL_MANAGE),
                    c -> c.send("DELETE", "/nano/address_pools/" + NONE_NAME + "/internal/ranges/10.0.0.1")),
            row("GET", "/api/clusters", needs(Permission.CLUSTER_READ), c -> c.get("/api/clusters")),
            row("POST", "/api/clusters", needs(Permission.CLUSTER_MANAGE), c -> c.json("POST", "/api/clusters", JSON_BAD_NAME)),
            row("GET", "/api/clusters/{name}", needs(Permission.CLUSTER_READ), c -> c.get("/api/clusters/" + NONE_NAME)),
            row("PUT", "/api/clusters/{name}", needs(Permission.CLUSTER_MANAGE), c -> c.json("PUT", "/api/clusters/" + NONE_NAME, "{}")),
            row("DELETE", "/api/clusters/{name}", needs(Permission.CLUSTER_MANAGE), c -> c.send("DELETE", "/api/clusters/" + NONE_NAME)),
            row("POST", "/api/clusters/{name}/start", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("POST", "/api/clusters/" + NONE_NAME + "/start")),
            row("POST", "/api/clusters/{name}/stop", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("POST", "/api/clusters/" + NONE_NAME + "/stop")),
            row("GET", "/api/clusters/{name}/vms", needs(Permission.CLUSTER_READ), c -> c.get("/api/clusters/" + NONE_NAME + "/vms")),
            row("POST", "/api/clusters/{name}/vms", needs(Permission.CLUSTER_MANAGE),
                    c -> c.json("POST", "/api/clusters/" + NONE_NAME + "/vms", "{\"name\": \"" + NONE_NAME + "\"}")),
            row("GET", "/api/clusters/{name}/vms/{vm}", needs(Permission.CLUSTER_READ),
                    c -> c.get("/api/clusters/" + NONE_NAME + "/vms/" + NONE_NAME)),
            row("DELETE", "/api/clusters/{name}/vms/{vm}", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("DELETE", "/api/clusters/" + NONE_NAME + "/vms/" + NONE_NAME)),
            row("GET", "/api/clusters/{name}/snapshots", needs(Permission.CLUSTER_READ),
                    c -> c.get("/api/clusters/" + NONE_NAME + "/snapshots")),
            row("POST", "/api/clusters/{name}/snapshots", needs(Permission.CLUSTER_MANAGE),
                    c -> c.json("POST", "/api/clusters/" + NONE_NAME + "/snapshots", "{}")),
            row("GET", "/api/clusters/{name}/snapshots/{set}", needs(Permission.CLUSTER_READ),
                    c -> c.get("/api/clusters/" + NONE_NAME + "/snapshots/" + NONE_NAME)),
            row("DELETE", "/api/clusters/{name}/snapshots/{set}", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("DELETE", "/api/clusters/" + NONE_NAME + "/snapshots/" + NONE_NAME)),
            row("POST", "/api/clusters/{name}/snapshots/{set}/revert", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("POST", "/api/clusters/" + NONE_NAME + "/snapshots/" + NONE_NAME + "/revert")),
            // Comet's face over the same clusters
            row("GET", "/api/comet/cluster", needs(Permission.CLUSTER_READ), c -> c.get("/comet/cluster")),
            row("POST", "/api/comet/cluster", needs(Permission.CLUSTER_MANAGE), c -> c.json("POST", "/comet/cluster", JSON_BAD_NAME)),
            row("GET", "/api/comet/cluster/{name}", needs(Permission.CLUSTER_READ), c -> c.get("/comet/cluster/" + NONE_NAME)),
            row("PUT", "/api/comet/cluster/{name}", needs(Permission.CLUSTER_MANAGE), c -> c.json("PUT", "/comet/cluster/" + NONE_NAME, "{}")),
            row("DELETE", "/api/comet/cluster/{name}", needs(Permission.CLUSTER_MANAGE), c -> c.send("DELETE", "/comet/cluster/" + NONE_NAME)),
            row("POST", "/api/comet/cluster/{name}/start", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("POST", "/comet/cluster/" + NONE_NAME + "/start")),
            row("POST", "/api/comet/cluster/{name}/stop", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("POST", "/comet/cluster/" + NONE_NAME + "/stop")),
            row("GET", "/api/comet/cluster/{name}/vms", needs(Permission.CLUSTER_READ), c -> c.get("/comet/cluster/" + NONE_NAME + "/vms")),
            row("POST", "/api/comet/cluster/{name}/vms", needs(Permission.CLUSTER_MANAGE),
                    c -> c.json("POST", "/comet/cluster/" + NONE_NAME + "/vms", "{\"name\": \"" + NONE_NAME + "\"}")),
            row("GET", "/api/comet/cluster/{name}/vms/{vm}", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME)),
            row("PUT", "/api/comet/cluster/{name}/vms/{vm}", needs(Permission.CLUSTER_READ),
                    c -> c.json("PUT", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME, "{}")),
            row("DELETE", "/api/comet/cluster/{name}/vms/{vm}", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("DELETE", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME)),
            row("POST", "/api/comet/cluster/{name}/vms/{vm}/{action}", needs(Permission.CLUSTER_READ),
                    c -> c.send("POST", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/start")),
            row("GET", "/api/comet/cluster/{name}/vms/{vm}/console", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/console")),
            row("GET", "/api/comet/cluster/{name}/snapshots", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/snapshots")),
            row("POST", "/api/comet/cluster/{name}/snapshots", needs(Permission.CLUSTER_MANAGE),
                    c -> c.json("POST", "/comet/cluster/" + NONE_NAME + "/snapshots", "{}")),
            row("GET", "/api/comet/cluster/{name}/snapshots/{set}", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/snapshots/" + NONE_NAME)),
            row("DELETE", "/api/comet/cluster/{name}/snapshots/{set}", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("DELETE", "/comet/cluster/" + NONE_NAME + "/snapshots/" + NONE_NAME)),
            row("POST", "/api/comet/cluster/{name}/snapshots/{set}/revert", needs(Permission.CLUSTER_MANAGE),
                    c -> c.send("POST", "/comet/cluster/" + NONE_NAME + "/snapshots/" + NONE_NAME + "/revert")),
            // a member's storages: the cluster's member is checked, then the VM's storage service checks vm.read/vm.manage
            row("GET", "/api/comet/cluster/{name}/vms/{vm}/storages", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/storages")),
            row("POST", "/api/comet/cluster/{name}/vms/{vm}/storages", needs(Permission.CLUSTER_READ),
                    c -> c.json("POST", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/storages",
                            "{\"pool\": \"" + NONE_NAME + "\", \"vol\": \"" + NONE_NAME + "\"}")),
            row("GET", "/api/comet/cluster/{name}/vms/{vm}/storages/{dev}", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/storages/vda")),
            row("POST", "/api/comet/cluster/{name}/vms/{vm}/storages/{dev}/unmap", needs(Permission.CLUSTER_READ),
                    c -> c.send("POST", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/storages/vda/unmap")),
            // removing a member's storage detaches the disk and deletes its volume: all three permissions, checked first
            row("DELETE", "/api/comet/cluster/{name}/vms/{vm}/storages/{dev}",
                    needsAll(Permission.CLUSTER_READ, Permission.VM_MANAGE, Permission.STORAGE_MANAGE),
                    c -> c.send("DELETE", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/storages/vda")),
            // a member's own snapshots: the member is checked, then the VM's snapshot service checks vm.read/vm.manage
            row("GET", "/api/comet/cluster/{name}/vms/{vm}/snapshots", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/snapshots")),
            row("POST", "/api/comet/cluster/{name}/vms/{vm}/snapshots", needs(Permission.CLUSTER_READ),
                    c -> c.json("POST", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/snapshots", "{}")),
            row("GET", "/api/comet/cluster/{name}/vms/{vm}/snapshots/{snapshot}", needs(Permission.CLUSTER_READ),
                    c -> c.get("/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/snapshots/" + NONE_NAME)),
            row("DELETE", "/api/comet/cluster/{name}/vms/{vm}/snapshots/{snapshot}", needs(Permission.CLUSTER_READ),
                    c -> c.send("DELETE", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/snapshots/" + NONE_NAME)),
            row("POST", "/api/comet/cluster/{name}/vms/{vm}/snapshots/{snapshot}/revert", needs(Permission.CLUSTER_READ),
                    c -> c.send("POST", "/comet/cluster/" + NONE_NAME + "/vms/" + NONE_NAME + "/snapshots/" + NONE_NAME + "/revert")),
            // Comet's storage pools, volumes and servers: those of /api/storagepools and /api/storageservers
            row("GET", "/api/comet/storagepools", needs(Permission.STORAGE_READ), c -> c.get("/comet/storagepools")),
            row("GET", "/api/comet/storagepools/{pool}", needs(Permission.STORAGE_READ), c -> c.get("/comet/storagepools/default-pool")),
            row("POST", "/api/comet/storagepools/{pool}/activate", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("POST", "/comet/storagepools/" + NONE_NAME + "/activate")),
            row("POST", "/api/comet/storagepools/{pool}/deactivate", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("POST", "/comet/storagepools/" + NONE_NAME + "/deactivate")),
            row("GET", "/api/comet/storagepools/{pool}/storagevolumes", volumeListing(Permission.STORAGE_READ),
                    c -> c.volumeListing(c.get("/comet/storagepools/default-pool/storagevolumes"))),
            row("POST", "/api/comet/storagepools/{pool}/storagevolumes", needs(Permission.STORAGE_MANAGE),
                    c -> c.json("POST", "/comet/storagepools/default-pool/storagevolumes", JSON_BAD_NAME)),
            row("GET", "/api/comet/storagepools/{pool}/storagevolumes/{volume}", volumeOfVm(Permission.STORAGE_READ),
                    c -> c.get("/comet/storagepools/default-pool/storagevolumes/" + c.volume())),
            row("GET", "/api/comet/storageservers", needs(Permission.STORAGE_READ), c -> c.get("/comet/storageservers")),
            row("GET", "/api/comet/storageservers/{host}", needs(Permission.STORAGE_READ),
                    c -> c.get("/comet/storageservers/" + NONE_NAME)),
            row("GET", "/api/comet/storageservers/{host}/storagezpools", needs(Permission.STORAGE_READ),
                    c -> c.get("/comet/storageservers/localhost/storagezpools")),
            row("GET", "/api/config", needs(Permission.HOST_READ), c -> c.get("/api/config")),
            row("GET", "/api/config/capabilities", needs(Permission.HOST_READ), c -> c.get("/api/config/capabilities")),
            row("GET", "/api/config/distros", needs(Permission.HOST_READ), c -> c.get("/api/config/distros")),
            row("GET", "/api/config/distros/{name}", needs(Permission.HOST_READ), c -> c.get("/api/config/distros/" + NONE_NAME)),
            row("GET", "/api/computepools", needs(Permission.HOST_READ), c -> c.get("/api/computepools")),
            row("POST", "/api/computepools", needs(Permission.HOST_MANAGE), c -> c.json("POST", "/api/computepools", JSON_BAD_NAME)),
            row("GET", "/api/computepools/{name}", needs(Permission.HOST_READ), c -> c.get("/api/computepools/default")),
            row("GET", "/api/computepools/{name}/status", needs(Permission.HOST_READ),
                    c -> c.get("/api/computepools/default/status")),
            row("PUT", "/api/computepools/{name}", needs(Permission.HOST_MANAGE),
                    c -> c.json("PUT", "/api/computepools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/computepools/{name}", needs(Permission.HOST_MANAGE),
                    c -> c.send("DELETE", "/api/computepools/" + NONE_NAME)),
            row("POST", "/api/computepools/{name}/hosts/{host}", needs(Permission.HOST_MANAGE),
                    c -> c.send("POST", "/api/computepools/" + NONE_NAME + "/hosts/local")),
            row("DELETE", "/api/computepools/{name}/hosts/{host}", needs(Permission.HOST_MANAGE),
                    c -> c.send("DELETE", "/api/computepools/" + NONE_NAME + "/hosts/local")),
            row("GET", "/api/groups", needs(Permission.ACCOUNT_READ), c -> c.get("/api/groups")),
            row("GET", "/api/host", needs(Permission.HOST_READ), c -> c.get("/api/host")),
            row("GET", "/api/host/devices", needs(Permission.HOST_READ), c -> c.get("/api/host/devices")),
            row("GET", "/api/host/devices/{name}", needs(Permission.HOST_READ), c -> c.get("/api/host/devices/" + NONE_NAME)),
            row("GET", "/api/host/devices/{name}/vmholders", needs(Permission.HOST_READ),
                    c -> c.get("/api/host/devices/" + NONE_NAME + "/vmholders")),
            row("GET", "/api/host/devices/{name}/vmholders/{vm}", needs(Permission.HOST_READ),
                    c -> c.get("/api/host/devices/" + NONE_NAME + "/vmholders/" + NONE_NAME)),
            row("GET", "/api/host/partitions", needs(Permission.HOST_READ), c -> c.get("/api/host/partitions")),
            row("GET", "/api/host/partitions/{name}", needs(Permission.HOST_READ), c -> c.get("/api/host/partitions/" + NONE_NAME)),
            row("GET", "/api/host/stats", needs(Permission.HOST_READ), c -> c.get("/api/host/stats")),
            row("GET", "/api/host/stats/history", needs(Permission.HOST_READ), c -> c.get("/api/host/stats/history")),
            row("GET", "/api/host/vgs", needs(Permission.HOST_READ), c -> c.get("/api/host/vgs")),
            row("GET", "/api/host/vgs/{name}", needs(Permission.HOST_READ), c -> c.get("/api/host/vgs/" + NONE_NAME)),
            row("GET", "/api/hosts", needs(Permission.HOST_READ), c -> c.get("/api/hosts")),
            row("POST", "/api/hosts", needs(Permission.HOST_MANAGE), c -> c.json("POST", "/api/hosts", JSON_BAD_NAME)),
            row("GET", "/api/hosts/{name}", needs(Permission.HOST_READ), c -> c.get("/api/hosts/local")),
            row("GET", "/api/hosts/{name}/status", needs(Permission.HOST_READ), c -> c.get("/api/hosts/local/status")),
            row("PUT", "/api/hosts/{name}", needs(Permission.HOST_MANAGE), c -> c.json("PUT", "/api/hosts/" + NONE_NAME, "{}")),
            row("DELETE", "/api/hosts/{name}", needs(Permission.HOST_MANAGE), c -> c.send("DELETE", "/api/hosts/" + NONE_NAME)),
            row("POST", "/api/hosts/{name}/evacuate", needs(Permission.HOST_MANAGE),
                    c -> c.send("POST", "/api/hosts/" + NONE_NAME + "/evacuate")),
            row("GET", "/api/interfaces", needs(Permission.HOST_READ), c -> c.get("/api/interfaces")),
            row("GET", "/api/interfaces/{name}", needs(Permission.HOST_READ), c -> c.get("/api/interfaces/" + NONE_NAME)),
            row("GET", "/api/ovsbridges", needs(Permission.HOST_READ), c -> c.get("/api/ovsbridges")),

            row("GET", "/api/jobs", needs(Permission.JOB_READ), c -> c.get("/api/jobs")),
            row("GET", "/api/jobs/{name}", needs(Permission.JOB_READ), c -> c.get("/api/jobs/vm-stats")),
            // allowed: refused for its schedule, after authorization, so nothing changes
            row("PUT", "/api/jobs/{name}", needs(Permission.JOB_MANAGE),
                    c -> c.json("PUT", "/api/jobs/vm-stats", "{\"schedule\": \"never\"}")),
            row("POST", "/api/jobs/{name}/run", needs(Permission.JOB_MANAGE), c -> c.send("POST", "/api/jobs/" + NONE_NAME + "/run")),
            row("GET", "/api/libvirt/xen/nodes/json", needs(Permission.VM_READ), c -> c.get(XEN + "/json?all=1")),
            // the UUID of an existing VM for a new name: refused (409) after authorization, nothing defined
            row("POST", "/api/libvirt/xen/nodes/create", rawXml(Permission.VM_CREATE, false), c -> c.json("POST", XEN + "/create",
                    "{\"domain\": {\"name\": \"am-xen-new\", \"uuid\": \"" + c.uuid(c.fixture.adminVm) + "\"}}")),
            row("GET", "/api/libvirt/xen/nodes/{id}/json", domain(Permission.VM_READ),
                    c -> c.get(XEN + "/" + c.uuid(c.vm()) + "/json")),
            // a flag libvirt does not take for the call: refused after authorization, nothing changes
            row("POST", "/api/libvirt/xen/nodes/{id}/start", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/start?flag=99")),
            row("POST", "/api/libvirt/xen/nodes/{id}/stop", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.uuid(c.vm()) + "/stop?flag=99")),
            row("POST", "/api/libvirt/xen/nodes/{id}/destroy", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/destroy?flag=99")),
            row("POST", "/api/libvirt/xen/nodes/{id}/restart", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/restart?flag=99")),
            row("POST", "/api/libvirt/xen/nodes/{id}/delete", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/delete?flag=99")),
            row("POST", "/api/libvirt/xen/nodes/{id}/suspend", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/suspend")),
            row("POST", "/api/libvirt/xen/nodes/{id}/resume", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/resume")),
            row("POST", "/api/libvirt/xen/nodes/{id}/devices/attach", rawXml(Permission.VM_MANAGE, true),
                    c -> c.json("POST", XEN + "/" + c.vm() + "/devices/attach?flag=99", "{\"disk\": {\"@type\": \"file\"}}")),
            // no size: refused after authorization
            row("POST", "/api/libvirt/xen/nodes/{id}/memory/resize", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/memory/resize")),
            row("POST", "/api/libvirt/xen/nodes/{id}/vcpu/resize", domain(Permission.VM_MANAGE),
                    c -> c.send("POST", XEN + "/" + c.vm() + "/vcpu/resize")),

            row("GET", "/api/logs", needs(Permission.AUDIT_READ), c -> c.get("/api/logs?limit=1")),
            row("POST", "/api/logs", needs(Permission.AUDIT_WRITE), c -> c.json("POST", "/api/logs", "{\"content\": \"matrix\"}")),

            row("GET", "/api/nano/compute_pool_cells", needs(Permission.HOST_READ), c -> c.get("/nano/compute_pool_cells/")),
            row("GET", "/api/nano/compute_pool_cells/{pool}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/compute_pool_cells/default")),
            row("GET", "/api/nano/compute_pool_cells/{pool}/{cell}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/compute_pool_cells/default/local")),
            row("POST", "/api/nano/compute_pool_cells/{pool}/{cell}", needs(Permission.HOST_MANAGE),
                    c -> c.send("POST", "/nano/compute_pool_cells/" + NONE_NAME + "/local")),
            row("DELETE", "/api/nano/compute_pool_cells/{pool}/{cell}", needs(Permission.HOST_MANAGE),
                    c -> c.send("DELETE", "/nano/compute_pool_cells/" + NONE_NAME + "/local")),
            row("PUT", "/api/nano/compute_pool_cells/{pool}/{cell}", needs(Permission.HOST_MANAGE),
                    c -> c.json("PUT", "/nano/compute_pool_cells/" + NONE_NAME + "/local", "{}")),
            row("GET", "/api/nano/migrations", needs(Permission.TASK_READ), c -> c.get("/nano/migrations/")),
            row("POST", "/api/nano/migrations", needs(Permission.HOST_MANAGE),
                    c -> c.json("POST", "/nano/migrations/", "{\"source_cell\": \"" + NONE_NAME + "\"}")),
            row("GET", "/api/nano/migrations/{id}", needs(Permission.TASK_READ), c -> c.get("/nano/migrations/0")),
            row("POST", "/api/nano/guests", needs(Permission.VM_CREATE), c -> c.json("POST", "/nano/guests/",
                    "{\"name\": \"-not-a-name\", \"cores\": 1, \"memory\": 64, \"disks\": [1]}")),
            // a running guest is not deleted without force (409): nothing is removed when allowed
            row("DELETE", "/api/nano/guests/{id}", guest(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/nano/guests/" + c.uuid(c.runningVm()))),
            row("GET", "/api/nano/instances/{id}", guest(Permission.VM_READ), c -> c.get("/nano/instances/" + c.uuid(c.vm()))),
            // starting a running guest is refused (409) once allowed
            row("POST", "/api/nano/instances/{id}", guest(Permission.VM_MANAGE),
                    c -> c.send("POST", "/nano/instances/" + c.uuid(c.runningVm()))),
            row("DELETE", "/api/nano/instances/{id}", guest(Permission.VM_MANAGE),
                    c -> c.json("DELETE", "/nano/instances/" + c.uuid(c.vm()), "{\"force\": true}")),
            // issue 15, guest operations: each request is refused after authorization, or changes nothing
            row("GET", "/api/nano/guest_search", needs(Permission.VM_READ), c -> c.get("/nano/guest_search/?owner=" + NONE_NAME)),
            row("GET", "/api/nano/guests/{id}", guest(Permission.VM_READ), c -> c.get("/nano/guests/" + c.uuid(c.vm()))),
            row("PUT", "/api/nano/guest/{id}/cores", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/cores", "{}")),
            row("PUT", "/api/nano/guest/{id}/memory", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/memory", "{}")),
            row("PUT", "/api/nano/guest/{id}/disks/resize/{disk}", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/disks/resize/x", "{\"size\": 1}")),
            row("PUT", "/api/nano/guest/{id}/disks/shrink/{disk}", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/disks/shrink/x", "{}")),
            row("PUT", "/api/nano/guest/{id}/name", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/name", "{}")),
            // a guest password is read back by those who may manage the guest only; the short password is refused
            row("PUT", "/api/nano/guest/{id}/auth", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/auth", "{\"password\": \"short\"}")),
            row("GET", "/api/nano/guest/{id}/auth", guest(Permission.VM_MANAGE),
                    c -> c.get("/nano/guest/" + c.uuid(c.vm()) + "/auth")),
            row("POST", "/api/nano/instances/{id}/media", guest(Permission.VM_MANAGE),
                    c -> c.json("POST", "/nano/instances/" + c.uuid(c.vm()) + "/media", "{\"source\": \"\"}")),
            row("DELETE", "/api/nano/instances/{id}/media", guest(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/nano/instances/" + c.uuid(c.vm()) + "/media")),
            row("GET", "/api/nano/instances/{id}/snapshots", guest(Permission.VM_READ),
                    c -> c.get("/nano/instances/" + c.uuid(c.vm()) + "/snapshots/")),
            row("POST", "/api/nano/instances/{id}/snapshots", guest(Permission.VM_MANAGE),
                    c -> c.json("POST", "/nano/instances/" + c.uuid(c.vm()) + "/snapshots/", JSON_BAD_NAME)),
            row("PUT", "/api/nano/instances/{id}/snapshots", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/instances/" + c.uuid(c.vm()) + "/snapshots/", "{\"target\": \"" + NONE_NAME + "\"}")),
            row("GET", "/api/nano/instances/{id}/snapshots/{name}", guest(Permission.VM_READ),
                    c -> c.get("/nano/instances/" + c.uuid(c.vm()) + "/snapshots/" + NONE_NAME)),
            row("DELETE", "/api/nano/instances/{id}/snapshots/{name}", guest(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/nano/instances/" + c.uuid(c.vm()) + "/snapshots/" + NONE_NAME)),
            // a shut-off guest shows no console (409) once allowed
            row("POST", "/api/nano/monitor_channels", guest(Permission.VM_MANAGE),
                    c -> c.json("POST", "/nano/monitor_channels/", "{\"guest\": \"" + c.uuid(c.vm()) + "\"}")),
            row("POST", "/api/nano/monitor_channels/{id}", guest(Permission.VM_MANAGE),
                    c -> c.send("POST", "/nano/monitor_channels/" + c.uuid(c.vm()))),
            row("POST", "/api/nano/batch/create_guest", needs(Permission.VM_CREATE),
                    c -> c.json("POST", "/nano/batch/create_guest", "{\"count\": 0, \"cores\": 1}")),
            row("GET", "/api/nano/batch/create_guest/{id}", needs(Permission.VM_READ),
                    c -> c.get("/nano/batch/create_guest/0")),
            row("POST", "/api/nano/batch/delete_guest", needs(Permission.VM_MANAGE),
                    c -> c.json("POST", "/nano/batch/delete_guest", "{\"guest\": []}")),
            row("GET", "/api/nano/batch/delete_guest/{id}", needs(Permission.VM_READ),
                    c -> c.get("/nano/batch/delete_guest/0")),
            row("GET", "/api/nano/compute_pools", needs(Permission.HOST_READ), c -> c.get("/nano/compute_pools/")),
            row("GET", "/api/nano/compute_pools/{pool}", needs(Permission.HOST_READ), c -> c.get("/nano/compute_pools/default")),
            row("POST", "/api/nano/compute_pools/{pool}", needs(Permission.HOST_MANAGE),
                    c -> c.json("POST", "/nano/compute_pools/-not-a-name", "{}")),
            row("PUT", "/api/nano/compute_pools/{pool}", needs(Permission.HOST_MANAGE),
                    c -> c.json("PUT", "/nano/compute_pools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/nano/compute_pools/{pool}", needs(Permission.HOST_MANAGE),
                    c -> c.send("DELETE", "/nano/compute_pools/" + NONE_NAME)),
            row("GET", "/api/nano/compute_zone_status", needs(Permission.HOST_READ), c -> c.get("/nano/compute_zone_status/")),
            row("GET", "/api/nano/compute_pool_status", needs(Permission.HOST_READ), c -> c.get("/nano/compute_pool_status/")),
            row("GET", "/api/nano/compute_pool_status/{pool}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/compute_pool_status/default")),
            row("GET", "/api/nano/compute_cell_status/{pool}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/compute_cell_status/default/")),
            row("GET", "/api/nano/compute_cell_status/{pool}/{cell}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/compute_cell_status/default/local")),
            row("GET", "/api/nano/instance_status/{pool}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/instance_status/default/")),
            row("GET", "/api/nano/instance_status/{pool}/{cell}", needs(Permission.HOST_READ),
                    c -> c.get("/nano/instance_status/default/local")),
            // a count of 0 and an empty list are refused after authorization: no batch is made
            row("POST", "/api/batches/create_guest", needs(Permission.VM_CREATE),
                    c -> c.json("POST", "/api/batches/create_guest", "{\"count\": 0}")),
            row("POST", "/api/batches/delete_guest", needs(Permission.VM_MANAGE),
                    c -> c.json("POST", "/api/batches/delete_guest", "{\"guests\": []}")),
            row("GET", "/api/batches", needs(Permission.VM_READ), c -> c.get("/api/batches")),
            row("GET", "/api/batches/{id}", needs(Permission.VM_READ), c -> c.get("/api/batches/0")),

            row("GET", "/api/nano/storage_pools", needs(Permission.STORAGE_READ), c -> c.get("/nano/storage_pools/")),
            row("GET", "/api/nano/storage_pools/{pool}", needs(Permission.STORAGE_READ),
                    c -> c.get("/nano/storage_pools/" + NONE_NAME)),
            row("POST", "/api/nano/storage_pools/{pool}", needs(Permission.STORAGE_MANAGE),
                    c -> c.json("POST", "/nano/storage_pools/-not-a-name", "{}")),
            row("PUT", "/api/nano/storage_pools/{pool}", needs(Permission.STORAGE_MANAGE),
                    c -> c.json("PUT", "/nano/storage_pools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/nano/storage_pools/{pool}", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("DELETE", "/nano/storage_pools/" + NONE_NAME)),
            // Nano's front-end management, over the same accounts, sessions and audit log as the native rows
            row("GET", "/api/nano/roles", needs(Permission.ACCOUNT_READ), c -> c.get("/nano/roles/")),
            row("GET", "/api/nano/roles/{role}", needs(Permission.ACCOUNT_READ), c -> c.get("/nano/roles/user")),
            row("POST", "/api/nano/roles/{role}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/nano/roles/-not-a-name", "{\"menu\": []}")),
            row("PUT", "/api/nano/roles/{role}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("PUT", "/nano/roles/" + NONE_NAME, "{\"menu\": []}")),
            row("DELETE", "/api/nano/roles/{role}", needs(Permission.ACCOUNT_MANAGE), c -> c.send("DELETE", "/nano/roles/" + NONE_NAME)),
            row("GET", "/api/nano/user_groups", needs(Permission.ACCOUNT_READ), c -> c.get("/nano/user_groups/")),
            row("GET", "/api/nano/user_groups/{group}", needs(Permission.ACCOUNT_READ), c -> c.get("/nano/user_groups/users")),
            row("POST", "/api/nano/user_groups/{group}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/nano/user_groups/-not-a-name", "{}")),
            row("PUT", "/api/nano/user_groups/{group}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("PUT", "/nano/user_groups/" + NONE_NAME, "{}")),
            row("DELETE", "/api/nano/user_groups/{group}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.send("DELETE", "/nano/user_groups/" + NONE_NAME)),
            row("GET", "/api/nano/user_groups/{group}/members", needs(Permission.ACCOUNT_READ),
                    c -> c.get("/nano/user_groups/users/members/")),
            row("POST", "/api/nano/user_groups/{group}/members/{user}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.send("POST", "/nano/user_groups/" + NONE_NAME + "/members/" + NONE_NAME)),
            row("DELETE", "/api/nano/user_groups/{group}/members/{user}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.send("DELETE", "/nano/user_groups/" + NONE_NAME + "/members/" + NONE_NAME)),
            row("GET", "/api/nano/users", needs(Permission.ACCOUNT_READ), c -> c.get("/nano/users/")),
            row("GET", "/api/nano/users/{user}", selfOr(Permission.ACCOUNT_READ), c -> c.get("/nano/users/" + c.owner())),
            row("POST", "/api/nano/users/{user}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/nano/users/-not-a-name", "{\"password\": \"pw-matrix-1\"}")),
            row("PUT", "/api/nano/users/{user}", selfOr(Permission.ACCOUNT_MANAGE), c -> c.json("PUT", "/nano/users/" + c.owner(), "{}")),
            row("DELETE", "/api/nano/users/{user}", needs(Permission.ACCOUNT_MANAGE), c -> c.send("DELETE", "/nano/users/" + NONE_NAME)),
            // a wrong old password: refused after authorization, nothing changes
            row("PUT", "/api/nano/users/{user}/password", selfOr(Permission.ACCOUNT_MANAGE),
                    c -> c.json("PUT", "/nano/users/" + c.owner() + "/password/", "{\"old\": \"wrong\", \"new\": \"pw-never-set-9\"}")),
            row("GET", "/api/nano/user_search", needs(Permission.ACCOUNT_READ), c -> c.get("/nano/user_search/?group=users")),
            row("POST", "/api/nano/sessions", open(), c -> c.json("POST", "/nano/sessions/",
                    "{\"user\": \"" + c.account() + "\", \"password\": \"" + password(c.account()) + "\", \"nonce\": \"1\"}")),
            row("GET", "/api/nano/sessions", open(), c -> c.get("/nano/sessions/")),
            row("GET", "/api/nano/sessions/{session}", readKey("SESS0001E"), c -> c.get("/nano/sessions/" + c.fixture.session(c.owner()))),
            row("PUT", "/api/nano/sessions/{session}", revokeKey("SESS0001E"),
                    c -> c.json("PUT", "/nano/sessions/" + c.fixture.session(c.owner()), "{}")),
            row("GET", "/api/nano/logs", needs(Permission.AUDIT_READ), c -> c.get("/nano/logs/?limit=1")),
            row("POST", "/api/nano/logs", needs(Permission.AUDIT_WRITE), c -> c.json("POST", "/nano/logs/", "{\"content\": \"matrix\"}")),
            // images: rows aim at an image that does not exist (its own scoping is ImagesIT's)
            row("GET", "/api/images", needs(Permission.IMAGE_READ), c -> c.get("/api/images")),
            row("POST", "/api/images", needs(Permission.IMAGE_MANAGE), c -> c.json("POST", "/api/images", JSON_BAD_NAME)),
            row("GET", "/api/images/{id}", needs(Permission.IMAGE_READ), c -> c.get("/api/images/" + NONE_NAME)),
            row("PUT", "/api/images/{id}", needs(Permission.IMAGE_MANAGE), c -> c.json("PUT", "/api/images/" + NONE_NAME, "{}")),
            row("DELETE", "/api/images/{id}", needs(Permission.IMAGE_MANAGE), c -> c.send("DELETE", "/api/images/" + NONE_NAME)),
            row("PUT", "/api/images/{id}/content", needs(Permission.IMAGE_MANAGE),
                    c -> c.as().contentType(ContentType.BINARY).body(new byte[] {1}).put("/api/images/" + NONE_NAME + "/content")),
            row("GET", "/api/images/{id}/content", needs(Permission.IMAGE_READ),
                    c -> c.get("/api/images/" + NONE_NAME + "/content")),
            row("PUT", "/api/vms/{vm}/password", vm(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/api/vms/" + c.vm() + "/password", "{\"password\": \"short\"}")),
            row("GET", "/api/vms/{vm}/password", vm(Permission.VM_MANAGE), c -> c.get("/api/vms/" + c.vm() + "/password")),
            row("GET", "/api/vms/{name}/system", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/system")),
            row("PUT", "/api/vms/{name}/system", vm(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/api/vms/" + c.vm() + "/system", "{\"image\": \"" + NONE_NAME + "\"}")),
            row("POST", "/api/vms/{name}/system/capture", vm(Permission.VM_MANAGE),
                    c -> c.json("POST", "/api/vms/" + c.vm() + "/system/capture", JSON_BAD_NAME)),
            row("PUT", "/api/nano/guest/{id}/system", guest(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/nano/guest/" + c.uuid(c.vm()) + "/system/", "{\"from_image\": \"" + NONE_NAME + "\"}")),
            row("POST", "/api/nano/disk_images", guest(Permission.VM_MANAGE),
                    c -> c.json("POST", "/nano/disk_images/", "{\"name\": \"-not-a-name\", \"guest\": \"" + c.uuid(c.vm()) + "\"}")),
            row("GET", "/api/nano/media_images", needs(Permission.IMAGE_READ), c -> c.get("/nano/media_images")),
            row("POST", "/api/nano/media_images", needs(Permission.IMAGE_MANAGE),
                    c -> c.json("POST", "/nano/media_images", JSON_BAD_NAME)),
            row("GET", "/api/nano/media_images/{id}", needs(Permission.IMAGE_READ), c -> c.get("/nano/media_images/" + NONE_NAME)),
            row("PUT", "/api/nano/media_images/{id}", needs(Permission.IMAGE_MANAGE),
                    c -> c.json("PUT", "/nano/media_images/" + NONE_NAME, "{}")),
            row("DELETE", "/api/nano/media_images/{id}", needs(Permission.IMAGE_MANAGE),
                    c -> c.send("DELETE", "/nano/media_images/" + NONE_NAME)),
            row("GET", "/api/nano/media_image_files/{id}", needs(Permission.IMAGE_READ),
                    c -> c.get("/nano/media_image_files/" + NONE_NAME)),
            row("POST", "/api/nano/media_image_files/{id}", needs(Permission.IMAGE_MANAGE),
                    c -> c.as().multiPart("image", "a.iso", new byte[] {1}).post("/nano/media_image_files/" + NONE_NAME)),
            row("GET", "/api/nano/disk_image_search", needs(Permission.IMAGE_READ), c -> c.get("/nano/disk_image_search")),
            row("GET", "/api/nano/disk_images/{id}", needs(Permission.IMAGE_READ), c -> c.get("/nano/disk_images/" + NONE_NAME)),
            row("PUT", "/api/nano/disk_images/{id}", needs(Permission.IMAGE_MANAGE),
                    c -> c.json("PUT", "/nano/disk_images/" + NONE_NAME, "{}")),
            row("DELETE", "/api/nano/disk_images/{id}", needs(Permission.IMAGE_MANAGE),
                    c -> c.send("DELETE", "/nano/disk_images/" + NONE_NAME)),
            row("GET", "/api/networks", needs(Permission.NETWORK_READ), c -> c.get("/api/networks")),
            row("POST", "/api/networks", needs(Permission.NETWORK_MANAGE), c -> c.json("POST", "/api/networks", JSON_BAD_NAME)),
            row("GET", "/api/networks/{name}", needs(Permission.NETWORK_READ), c -> c.get("/api/networks/default")),
            row("GET", "/api/networks/{name}/dhcp_hosts", needs(Permission.NETWORK_READ),
                    c -> c.get("/api/networks/default/dhcp_hosts")),
            row("PUT", "/api/networks/{name}", needs(Permission.NETWORK_MANAGE), c -> c.json("PUT", "/api/networks/" + NONE_NAME, "{}")),
            row("DELETE", "/api/networks/{name}", needs(Permission.NETWORK_MANAGE), c -> c.send("DELETE", "/api/networks/" + NONE_NAME)),
            row("POST", "/api/networks/{name}/activate", needs(Permission.NETWORK_MANAGE),
                    c -> c.send("POST", "/api/networks/" + NONE_NAME + "/activate")),
            row("POST", "/api/networks/{name}/deactivate", needs(Permission.NETWORK_MANAGE),
                    c -> c.send("POST", "/api/networks/" + NONE_NAME + "/deactivate")),

            row("GET", "/api/roles", needs(Permission.ACCOUNT_READ), c -> c.get("/api/roles")),
            row("POST", "/api/roles", needs(Permission.ACCOUNT_MANAGE), c -> c.json("POST", "/api/roles", JSON_BAD_NAME)),
            row("GET", "/api/roles/_permissions", needs(Permission.ACCOUNT_READ), c -> c.get("/api/roles/_permissions")),
            row("GET", "/api/roles/{role}", needs(Permission.ACCOUNT_READ), c -> c.get("/api/roles/user")),
            row("PUT", "/api/roles/{role}", needs(Permission.ACCOUNT_MANAGE), c -> c.json("PUT", "/api/roles/" + NONE_NAME, "{}")),
            row("POST", "/api/roles/{role}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/api/roles/-not-a-name", "{\"permissions\": []}")),
            row("DELETE", "/api/roles/{role}", needs(Permission.ACCOUNT_MANAGE), c -> c.send("DELETE", "/api/roles/" + NONE_NAME)),

            row("POST", "/api/sessions", open(), c -> c.json("POST", "/api/sessions",
                    "{\"user\": \"" + c.account() + "\", \"password\": \"" + password(c.account()) + "\"}")),
            row("GET", "/api/sessions", open(), c -> c.get("/api/sessions")),
            row("GET", "/api/sessions/{session}", readKey("SESS0001E"), c -> c.get("/api/sessions/" + c.fixture.session(c.owner()))),
            row("PUT", "/api/sessions/{session}", revokeKey("SESS0001E"),
                    c -> c.json("PUT", "/api/sessions/" + c.fixture.session(c.owner()), "{}")),
            row("DELETE", "/api/sessions/{session}", revokeKey("SESS0001E"),
                    c -> c.send("DELETE", "/api/sessions/" + c.fixture.newSession(c.owner()))),

            row("GET", "/api/storagepools", needs(Permission.STORAGE_READ), c -> c.get("/api/storagepools")),
            row("POST", "/api/storagepools", needs(Permission.STORAGE_MANAGE), c -> c.json("POST", "/api/storagepools", JSON_BAD_NAME)),
            row("GET", "/api/storagepools/{name}", needs(Permission.STORAGE_READ), c -> c.get(POOL)),
            row("PUT", "/api/storagepools/{name}", needs(Permission.STORAGE_MANAGE),
                    c -> c.json("PUT", "/api/storagepools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/storagepools/{name}", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("DELETE", "/api/storagepools/" + NONE_NAME)),
            row("POST", "/api/storagepools/{name}/activate", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("POST", "/api/storagepools/" + NONE_NAME + "/activate")),
            row("POST", "/api/storagepools/{name}/deactivate", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("POST", "/api/storagepools/" + NONE_NAME + "/deactivate")),
            // item 1: the names of volumes of VMs the caller may not use are not listed (see volumeListing)
            row("GET", "/api/storagepools/{pool}/storagevolumes", volumeListing(Permission.STORAGE_READ),
                    c -> c.volumeListing(c.get(POOL + "/storagevolumes"))),
            row("POST", "/api/storagepools/{pool}/storagevolumes", needs(Permission.STORAGE_MANAGE),
                    c -> c.json("POST", POOL + "/storagevolumes", JSON_BAD_NAME)),
            row("GET", "/api/storagepools/{pool}/storagevolumes/{name}", volumeOfVm(Permission.STORAGE_READ),
                    c -> c.get(POOL + "/storagevolumes/" + c.volume())),
            row("PUT", "/api/storagepools/{pool}/storagevolumes/{name}", needs(Permission.STORAGE_MANAGE),
                    c -> c.as().multiPart("chunk_size", "1").multiPart("chunk", "a")
                            .put(POOL + "/storagevolumes/" + NONE_NAME)),
            row("DELETE", "/api/storagepools/{pool}/storagevolumes/{name}", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("DELETE", POOL + "/storagevolumes/" + NONE_NAME)),
            row("POST", "/api/storagepools/{pool}/storagevolumes/{name}/clone", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("POST", POOL + "/storagevolumes/" + NONE_NAME + "/clone")),
            row("GET", "/api/storagepools/{pool}/storagevolumes/{name}/content", volumeOfVm(Permission.STORAGE_READ),
                    c -> c.get(POOL + "/storagevolumes/" + c.volume() + "/content")),
            row("POST", "/api/storagepools/{pool}/storagevolumes/{name}/resize", needs(Permission.STORAGE_MANAGE),
                    c -> c.json("POST", POOL + "/storagevolumes/" + NONE_NAME + "/resize", "{\"size\": 1}")),
            row("POST", "/api/storagepools/{pool}/storagevolumes/{name}/wipe", needs(Permission.STORAGE_MANAGE),
                    c -> c.send("POST", POOL + "/storagevolumes/" + NONE_NAME + "/wipe")),
            row("GET", "/api/storageservers", needs(Permission.STORAGE_READ), c -> c.get("/api/storageservers")),
            row("GET", "/api/storageservers/{host}", needs(Permission.STORAGE_READ), c -> c.get("/api/storageservers/" + NONE_NAME)),
            row("GET", "/api/storageservers/{host}/storagetargets", needs(Permission.STORAGE_READ),
                    c -> c.get("/api/storageservers/localhost/storagetargets?_target_type=netfs")),

            row("GET", "/api/tasks", needs(Permission.TASK_READ), c -> c.get("/api/tasks?status=failed")),
            row("GET", "/api/tasks/{id}", task(), c -> c.get("/api/tasks/" + c.task())),

            row("GET", "/api/templates", needs(Permission.TEMPLATE_READ), c -> c.get("/api/templates")),
            row("POST", "/api/templates", needs(Permission.TEMPLATE_MANAGE), c -> c.json("POST", "/api/templates", JSON_BAD_NAME)),
            row("GET", "/api/templates/{name}", needs(Permission.TEMPLATE_READ), c -> c.get("/api/templates/" + c.fixture.template)),
            row("PUT", "/api/templates/{name}", needs(Permission.TEMPLATE_MANAGE),
                    c -> c.json("PUT", "/api/templates/" + NONE_NAME, "{}")),
            row("DELETE", "/api/templates/{name}", needs(Permission.TEMPLATE_MANAGE),
                    c -> c.send("DELETE", "/api/templates/" + NONE_NAME)),
            row("POST", "/api/templates/{name}/clone", needs(Permission.TEMPLATE_MANAGE),
                    c -> c.send("POST", "/api/templates/" + NONE_NAME + "/clone")),

            row("GET", "/api/token", open(), c -> c.get("/api/token")),
            row("POST", "/api/token", open(), c -> c.send("POST", "/api/token")),
            row("GET", "/api/token/{token}", readKey("TOKN0001E"), c -> c.get("/api/token/" + c.fixture.token(c.owner()))),
            row("DELETE", "/api/token/{token}", revokeKey("TOKN0001E"),
                    c -> c.send("DELETE", "/api/token/" + c.fixture.newToken(c.owner()))),

            row("GET", "/api/user_groups", needs(Permission.ACCOUNT_READ), c -> c.get("/api/user_groups")),
            row("POST", "/api/user_groups", needs(Permission.ACCOUNT_MANAGE), c -> c.json("POST", "/api/user_groups", JSON_BAD_NAME)),
            row("GET", "/api/user_groups/{group}", needs(Permission.ACCOUNT_READ), c -> c.get("/api/user_groups/users")),
            row("PUT", "/api/user_groups/{group}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("PUT", "/api/user_groups/" + NONE_NAME, "{}")),
            row("POST", "/api/user_groups/{group}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/api/user_groups/-not-a-name", "{}")),
            row("DELETE", "/api/user_groups/{group}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.send("DELETE", "/api/user_groups/" + NONE_NAME)),
            row("GET", "/api/user_groups/{group}/members", needs(Permission.ACCOUNT_READ),
                    c -> c.get("/api/user_groups/users/members")),
            row("POST", "/api/user_groups/{group}/members/{user}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.send("POST", "/api/user_groups/" + NONE_NAME + "/members/" + NONE_NAME)),
            row("DELETE", "/api/user_groups/{group}/members/{user}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.send("DELETE", "/api/user_groups/" + NONE_NAME + "/members/" + NONE_NAME)),
            row("GET", "/api/user_search", needs(Permission.ACCOUNT_READ), c -> c.get("/api/user_search")),

            row("GET", "/api/users", needs(Permission.ACCOUNT_READ), c -> c.get("/api/users")),
            row("POST", "/api/users", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/api/users", "{\"name\": \"-not-a-name\", \"password\": \"pw-matrix-1\"}")),
            row("GET", "/api/users/{name}", selfOr(Permission.ACCOUNT_READ), c -> c.get("/api/users/" + c.owner())),
            row("PUT", "/api/users/{name}", selfOr(Permission.ACCOUNT_MANAGE), c -> c.json("PUT", "/api/users/" + c.owner(), "{}")),
            row("POST", "/api/users/{name}", needs(Permission.ACCOUNT_MANAGE),
                    c -> c.json("POST", "/api/users/-not-a-name", "{\"password\": \"pw-matrix-1\"}")),
            row("DELETE", "/api/users/{name}", needs(Permission.ACCOUNT_MANAGE), c -> c.send("DELETE", "/api/users/" + NONE_NAME)),
            // a wrong old password: refused after authorization, nothing changes
            row("PUT", "/api/users/{name}/password", selfOr(Permission.ACCOUNT_MANAGE),
                    c -> c.json("PUT", "/api/users/" + c.owner() + "/password", "{\"old\": \"wrong\", \"new\": \"pw-never-set-9\"}")),

            row("GET", "/api/vmpools", needs(Permission.VMPOOL_READ), c -> c.get("/api/vmpools")),
            row("POST", "/api/vmpools", needs(Permission.VMPOOL_MANAGE), c -> c.json("POST", "/api/vmpools", JSON_BAD_NAME)),
            row("GET", "/api/vmpools/{name}", needs(Permission.VMPOOL_READ), c -> c.get("/api/vmpools/" + NONE_NAME)),
            row("GET", "/api/vmpools/{name}/vms", needs(Permission.VMPOOL_READ), c -> c.get("/api/vmpools/" + NONE_NAME + "/vms")),
            row("PUT", "/api/vmpools/{name}", needs(Permission.VMPOOL_MANAGE), c -> c.json("PUT", "/api/vmpools/" + NONE_NAME, "{}")),
            row("DELETE", "/api/vmpools/{name}", needs(Permission.VMPOOL_MANAGE), c -> c.send("DELETE", "/api/vmpools/" + NONE_NAME)),
            // vmpooler's face: checkouts of a pool that does not exist, VMs nobody checked out (404 when allowed)
            row("GET", "/api/vmpooler/v1/vm", needs(Permission.VMPOOL_READ), c -> c.get("/vmpooler/api/v1/vm")),
            row("GET", "/api/vmpooler/v1/status", needs(Permission.VMPOOL_READ), c -> c.get("/vmpooler/api/v1/status")),
            row("GET", "/api/vmpooler/v1/config", needs(Permission.VMPOOL_READ), c -> c.get("/vmpooler/api/v1/config")),
            row("GET", "/api/vmpooler/v1/poolstat", needs(Permission.VMPOOL_READ), c -> c.get("/vmpooler/api/v1/poolstat?pool=a")),
            row("GET", "/api/vmpooler/v1/totalrunning", needs(Permission.VMPOOL_READ), c -> c.get("/vmpooler/api/v1/totalrunning")),
            row("GET", "/api/vmpooler/v1/summary", needs(Permission.VMPOOL_READ), c -> c.get("/vmpooler/api/v1/summary")),
            row("GET", "/api/vmpooler/v1/summary/{section}", needs(Permission.VMPOOL_READ),
                    c -> c.get("/vmpooler/api/v1/summary/boot")),
            row("GET", "/api/vmpooler/v1/summary/{section}/{key}", needs(Permission.VMPOOL_READ),
                    c -> c.get("/vmpooler/api/v1/summary/tag/user")),
            row("GET", "/api/vmpooler/v1/restart", needs(Permission.VMPOOL_MANAGE), c -> c.get("/vmpooler/api/v1/restart")),
            row("POST", "/api/vmpooler/v1/config/poolsize", needs(Permission.VMPOOL_MANAGE),
                    c -> c.json("POST", "/vmpooler/api/v1/config/poolsize", "{\"" + NONE_NAME + "\": \"1\"}")),
            row("POST", "/api/vmpooler/v1/config/pooltemplate", needs(Permission.VMPOOL_MANAGE),
                    c -> c.json("POST", "/vmpooler/api/v1/config/pooltemplate", "{\"" + NONE_NAME + "\": \"t\"}")),
            row("POST", "/api/vmpooler/v1/poolreset", needs(Permission.VMPOOL_MANAGE),
                    c -> c.json("POST", "/vmpooler/api/v1/poolreset", "{\"" + NONE_NAME + "\": \"1\"}")),
            row("POST", "/api/vmpooler/v1/vm", needs(Permission.VM_CREATE),
                    c -> c.json("POST", "/vmpooler/api/v1/vm", "{\"" + NONE_NAME + "\": \"1\"}")),
            row("POST", "/api/vmpooler/v1/vm/{pools}", needs(Permission.VM_CREATE),
                    c -> c.send("POST", "/vmpooler/api/v1/vm/" + NONE_NAME)),
            row("GET", "/api/vmpooler/v1/vm/{hostname}", needs(Permission.VM_READ), c -> c.get("/vmpooler/api/v1/vm/" + NONE_NAME)),
            row("PUT", "/api/vmpooler/v1/vm/{hostname}", needs(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/vmpooler/api/v1/vm/" + NONE_NAME, "{\"lifetime\": 1}")),
            row("DELETE", "/api/vmpooler/v1/vm/{hostname}", needs(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/vmpooler/api/v1/vm/" + NONE_NAME)),
            row("POST", "/api/vmpooler/v1/vm/{hostname}/disk/{size}", needs(Permission.VM_MANAGE),
                    c -> c.send("POST", "/vmpooler/api/v1/vm/" + NONE_NAME + "/disk/8")),
            row("POST", "/api/vmpooler/v1/vm/{hostname}/snapshot", needs(Permission.VM_MANAGE),
                    c -> c.send("POST", "/vmpooler/api/v1/vm/" + NONE_NAME + "/snapshot")),
            row("POST", "/api/vmpooler/v1/vm/{hostname}/snapshot/{snapshot}", needs(Permission.VM_MANAGE),
                    c -> c.send("POST", "/vmpooler/api/v1/vm/" + NONE_NAME + "/snapshot/s1")),
            row("POST", "/api/vmpooler/v1/ondemandvm", needs(Permission.VM_CREATE),
                    c -> c.json("POST", "/vmpooler/api/v1/ondemandvm", "{\"" + NONE_NAME + "\": \"1\"}")),
            row("GET", "/api/vmpooler/v1/ondemandvm/{requestId}", needs(Permission.VM_READ),
                    c -> c.get("/vmpooler/api/v1/ondemandvm/" + NONE_NAME)),
            row("DELETE", "/api/vmpooler/v1/ondemandvm/{requestId}", needs(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/vmpooler/api/v1/ondemandvm/" + NONE_NAME)),

            row("GET", "/api/vms", needs(Permission.VM_READ), c -> c.get("/api/vms")),
            row("POST", "/api/vms", needs(Permission.VM_CREATE),
                    c -> c.json("POST", "/api/vms", "{\"name\": \"-not-a-name\", \"template\": \"/api/templates/" + NONE_NAME + "\"}")),
            row("PUT", "/api/vms/{name}", vm(Permission.VM_MANAGE), c -> c.json("PUT", "/api/vms/" + c.vm(), "{}")),
            // an allowed delete removes a VM made for that cell
            row("DELETE", "/api/vms/{name}", vm(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/api/vms/" + (c.expected() == Outcome.ALLOWED ? c.fixture.newVm(c.vmOwner()) : c.vm()))),
            // a running VM cannot be cloned (409): no copy is made when allowed
            row("POST", "/api/vms/{name}/clone", vm(Permission.VM_CREATE), c -> c.send("POST", "/api/vms/" + c.runningVm() + "/clone")),
            row("POST", "/api/vms/{name}/connect", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.runningVm() + "/connect")),
            row("GET", "/api/vms/{name}/virtviewerfile", vm(Permission.VM_MANAGE),
                    c -> c.get("/api/vms/" + c.runningVm() + "/virtviewerfile")),
            row("POST", "/api/vms/{name}/migrate", vm(Permission.VM_MANAGE), c -> c.json("POST", "/api/vms/" + c.vm() + "/migrate", "{}")),
            row("POST", "/api/vms/{name}/poweroff", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/poweroff")),
            row("POST", "/api/vms/{name}/reboot", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/reboot")),
            row("POST", "/api/vms/{name}/reset", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/reset")),
            row("POST", "/api/vms/{name}/resume", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/resume")),
            row("POST", "/api/vms/{name}/shutdown", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/shutdown")),
            row("POST", "/api/vms/{name}/start", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/start")),
            row("POST", "/api/vms/{name}/suspend", vm(Permission.VM_MANAGE), c -> c.send("POST", "/api/vms/" + c.vm() + "/suspend")),
            row("GET", "/api/vms/{name}/screenshot", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/screenshot")),
            row("GET", "/api/vms/{name}/stats/history", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/stats/history")),
            row("GET", "/api/vms/{name}/events", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/events")),
            // item 3: a VM's representation never shows its console ticket (see vmRepresentation)
            row("GET", "/api/vms/{name}", vm(Permission.VM_READ), c -> c.vmRepresentation(c.get("/api/vms/" + c.vm()))),

            row("GET", "/api/vms/{vm}/definition", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/definition")),
            // a definition naming another VM: a rename, refused (400) after authorization
            row("PUT", "/api/vms/{vm}/definition", rawXml(Permission.VM_MANAGE, true), c -> c.json("PUT",
                    "/api/vms/" + c.vm() + "/definition", "{\"domain\": {\"name\": \"am-xen-other\"}}")),
            row("GET", "/api/vms/{vm}/hostdevs", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/hostdevs")),
            row("POST", "/api/vms/{vm}/hostdevs", vm(Permission.HOST_MANAGE), c -> c.json("POST", "/api/vms/" + c.vm() + "/hostdevs", "{}")),
            row("GET", "/api/vms/{vm}/hostdevs/{dev}", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/hostdevs/" + NONE_NAME)),
            row("DELETE", "/api/vms/{vm}/hostdevs/{dev}", vm(Permission.HOST_MANAGE),
                    c -> c.send("DELETE", "/api/vms/" + c.vm() + "/hostdevs/" + NONE_NAME)),
            row("GET", "/api/vms/{vm}/ifaces", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/ifaces")),
            row("POST", "/api/vms/{vm}/ifaces", vm(Permission.VM_MANAGE),
                    c -> c.json("POST", "/api/vms/" + c.vm() + "/ifaces", "{\"type\": \"no-such-type\"}")),
            row("GET", "/api/vms/{vm}/ifaces/{mac}", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/ifaces/52:54:00:fe:fe:fe")),
            row("PUT", "/api/vms/{vm}/ifaces/{mac}", vm(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/api/vms/" + c.vm() + "/ifaces/52:54:00:fe:fe:fe", "{}")),
            row("DELETE", "/api/vms/{vm}/ifaces/{mac}", vm(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/api/vms/" + c.vm() + "/ifaces/52:54:00:fe:fe:fe")),
            row("GET", "/api/vms/{vm}/snapshots", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/snapshots")),
            row("POST", "/api/vms/{vm}/snapshots", vm(Permission.VM_MANAGE),
                    c -> c.json("POST", "/api/vms/" + c.vm() + "/snapshots", JSON_BAD_NAME)),
            row("GET", "/api/vms/{vm}/snapshots/current", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/snapshots/current")),
            row("GET", "/api/vms/{vm}/snapshots/tree", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/snapshots/tree")),
            row("GET", "/api/vms/{vm}/snapshots/{snapshot}", vm(Permission.VM_READ),
                    c -> c.get("/api/vms/" + c.vm() + "/snapshots/" + NONE_NAME)),
            row("DELETE", "/api/vms/{vm}/snapshots/{snapshot}", vm(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/api/vms/" + c.vm() + "/snapshots/" + NONE_NAME)),
            row("POST", "/api/vms/{vm}/snapshots/{snapshot}/revert", vm(Permission.VM_MANAGE),
                    c -> c.send("POST", "/api/vms/" + c.vm() + "/snapshots/" + NONE_NAME + "/revert")),
            row("GET", "/api/vms/{vm}/storages", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/storages")),
            // item 2: the caller's own VM takes a volume of its own VM, or of one it may not use
            row("POST", "/api/vms/{vm}/storages", attachVolume(), c -> c.json("POST", "/api/vms/" + c.ownVm() + "/storages",
                    "{\"type\": \"disk\", \"pool\": \"default-pool\", \"vol\": \"" + c.volume() + "\"}")),
            row("GET", "/api/vms/{vm}/storages/{dev}", vm(Permission.VM_READ), c -> c.get("/api/vms/" + c.vm() + "/storages/vdz")),
            row("PUT", "/api/vms/{vm}/storages/{dev}", vm(Permission.VM_MANAGE),
                    c -> c.json("PUT", "/api/vms/" + c.vm() + "/storages/vdz", "{\"path\": \"\"}")),
            row("DELETE", "/api/vms/{vm}/storages/{dev}", vm(Permission.VM_MANAGE),
                    c -> c.send("DELETE", "/api/vms/" + c.vm() + "/storages/vdz")),
            row("POST", "/api/vms/{vm}/storages/{dev}/resize", vm(Permission.VM_MANAGE),
                    c -> c.json("POST", "/api/vms/" + c.vm() + "/storages/vdz/resize", "{\"size\": 1}")),
            row("POST", "/api/vms/{vm}/storages/{dev}/shrink", vm(Permission.VM_MANAGE),
                    c -> c.send("POST", "/api/vms/" + c.vm() + "/storages/vdz/shrink")),

            row("GET", "/api/zone/status", needs(Permission.HOST_READ), c -> c.get("/api/zone/status")));

    private static Row row(String method, String path, Rule rule, Function<Cell, Response> request) {
        return new Row(method, path, rule, request);
    }

    // the run

    @Deployment(testable = false)
    @TargetsContainer(Vireo.SERVER)
    static EnterpriseArchive deployment() {
        return Vireo.ear();
    }

    @Test
    void everyRouteAnswersEachRoleOnOwnAndForeignObjectsAsTheTableSays() {
        Set<String> documented = new TreeSet<>();
        OpenApiRoutes.read().routes().forEach(route -> documented.add(route.toString()));
        Set<String> tabled = new TreeSet<>();
        TABLE.forEach(row -> tabled.add(row.route()));
        assertThat(tabled).as("routes of the OpenAPI document without a row in the table").containsAll(documented);
        assertThat(documented).as("rows of the table for routes the OpenAPI document lacks").containsAll(tabled);

        Fixture fixture = Fixture.create();
        try {
            runTable(fixture);
        } finally {
            fixture.remove();
        }
    }

    private static void runTable(Fixture fixture) {
        List<String> failures = new ArrayList<>();
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        for (Row row : TABLE) {
            for (Who who : Who.values()) {
                for (Whose whose : row.rule().scoped() ? List.of(Whose.OWN, Whose.FOREIGN) : List.of(Whose.ANY)) {
                    Outcome expected = row.rule().expect().apply(who, whose);
                    if (expected == Outcome.NONE) {
                        continue;
                    }
                    Cell cell = new Cell(fixture, row, who, whose, expected);
                    String failure = cell.check(row.request().apply(cell));
                    if (failure != null) {
                        failures.add(row.route() + " as " + who + (whose == Whose.ANY ? "" : " on " + whose) + ": " + failure);
                    }
                    counts.merge(expected, 1, Integer::sum);
                }
            }
        }
        System.out.println("Authorization matrix: " + TABLE.size() + " routes, cells " + counts);
        assertThat(failures).as("cells that answered otherwise than the table says").isEmpty();
    }

    // a cell

    /** One cell: who asks, on whose object, what the table expects; and the requests it sends. */
    static final class Cell {

        final Fixture fixture;
        final Row row;
        final Who who;
        final Whose whose;
        final Outcome expected;
        private String extraFailure;

        Cell(Fixture fixture, Row row, Who who, Whose whose, Outcome expected) {
            this.fixture = fixture;
            this.row = row;
            this.who = who;
            this.whose = whose;
            this.expected = expected;
        }

        Outcome expected() {
            return expected;
        }

        String account() {
            return fixture.accounts.get(who);
        }

        /** The account whose object the cell acts on: the caller's own, else the admin's (the user's, for the admin). */
        String owner() {
            return whose != Whose.FOREIGN ? account() : fixture.accounts.get(who == Who.ADMIN ? Who.USER : Who.ADMIN);
        }

        /** The VM the cell acts on: the user's VM or the admin's, which is shared with the auditor and the roleless account. */
        String vm() {
            boolean users = whose == Whose.OWN ? who == Who.USER : who != Who.USER;
            return users ? fixture.userVm : fixture.adminVm;
        }

        String vmOwner() {
            return vm().equals(fixture.userVm) ? fixture.accounts.get(Who.USER) : fixture.accounts.get(Who.ADMIN);
        }

        String ownVm() {
            return who == Who.USER ? fixture.userVm : fixture.adminVm;
        }

        String runningVm() {
            fixture.admin().post("/api/vms/" + vm() + "/resume");
            fixture.admin().post("/api/vms/" + vm() + "/start");
            return vm();
        }

        /** The UUID of a VM: its id in Nano's API. */
        String uuid(String vm) {
            return fixture.admin().get("/api/vms/" + vm).then().statusCode(200).extract().path("uuid");
        }

        /** The disk volume of {@link #vm()}. */
        String volume() {
            return vm().equals(fixture.userVm) ? fixture.userVolume : fixture.adminVolume;
        }

        String task() {
            return vm().equals(fixture.userVm) ? fixture.userTask : fixture.adminTask;
        }

        /** Any media type: a refusal must not hide behind content negotiation (a screenshot, a .vv file, volume bytes). */
        RequestSpecification as() {
            return TestAccounts.as(Vireo.BASE, account(), password(account())).accept("*/*");
        }

        Response get(String path) {
            return as().get(path);
        }

        Response send(String method, String path) {
            return as().request(method, path);
        }

        Response json(String method, String path, String body) {
            return as().contentType(ContentType.JSON).body(body).request(method, path);
        }

        /** An allowed listing names the cell's volume only when the caller may use its VM. */
        Response volumeListing(Response response) {
            if (response.statusCode() == 200) {
                boolean listed = response.jsonPath().getList("name", String.class).contains(volume());
                boolean mayUse = whose == Whose.OWN || who.has(Permission.SCOPE_ALL);
                if (listed != mayUse) {
                    extraFailure = (listed ? "lists " : "does not list ") + volume();
                }
            }
            return response;
        }

        /** An allowed read of a VM never shows its console password: only connect hands out tickets. */
        Response vmRepresentation(Response response) {
            if (response.statusCode() == 200 && response.jsonPath().get("graphics.passwd") != null) {
                extraFailure = "shows graphics.passwd";
            }
            return response;
        }

        /** Null when the answer is what the table expects, else what was wrong. */
        String check(Response response) {
            int status = response.statusCode();
            String code = status >= 400 ? code(response) : null;
            String answer = status + (code == null ? "" : " " + code);
            boolean hides = status == 404 && row.rule().hiddenCode() != null && row.rule().hiddenCode().equals(code);
            boolean absentInBody = status == 400 && row.rule().hiddenCode() != null && row.rule().hiddenCode().equals(code);
            String failure = switch (expected) {
                case ALLOWED -> status >= 500 || status == 401 || status == 403 || hides || absentInBody
                        ? "expected allowed, got " + answer + " " + abbreviate(response.asString()) : null;
                case FORBIDDEN -> status == 403 && "AUTH0004E".equals(code) ? null : "expected 403 AUTH0004E, got " + answer;
                case HIDDEN -> hides ? null : "expected 404 " + row.rule().hiddenCode() + ", got " + answer;
                case UNKNOWN_IN_BODY -> absentInBody ? null
                        : "expected 400 " + row.rule().hiddenCode() + ", got " + answer;
                case NONE -> null;
            };
            return failure != null ? failure : extraFailure;
        }

        private static String code(Response response) {
            try {
                // Nano's face carries the code inside its envelope
                String code = response.jsonPath().getString("code");
                return code != null ? code : response.jsonPath().getString("data.code");
            } catch (RuntimeException e) {
                return "(no JSON error)";
            }
        }
    }

    // fixture

    /** The accounts, their VMs, volumes, tasks, tokens and sessions; made once. */
    static final class Fixture {

        final Map<Who, String> accounts = new LinkedHashMap<>();
        final Map<String, String> tokens = new LinkedHashMap<>();
        final Map<String, String> sessions = new LinkedHashMap<>();
        String template;
        String adminVm;
        String userVm;
        String adminVolume;
        String userVolume;
        String adminTask;
        String userTask;

        static Fixture create() {
            Fixture f = new Fixture();
            String suffix = UUID.randomUUID().toString().substring(0, 6);
            f.accounts.put(Who.ADMIN, account("ama" + suffix, "[\"admins\"]"));
            f.accounts.put(Who.USER, account("amu" + suffix, "[\"users\"]"));
            f.accounts.put(Who.AUDITOR, account("amt" + suffix, "[\"auditors\"]"));
            f.accounts.put(Who.NONE, account("amn" + suffix, "[]"));
            f.template = "am-" + suffix;
            f.admin().contentType(ContentType.JSON).body("{\"name\": \"" + f.template + "\", \"source_media\": {\"type\": \"netboot\"},"
                            + " \"memory\": {\"current\": 128, \"maxmemory\": 256},"
                            + " \"disks\": [{\"size\": 1, \"pool\": {\"name\": \"default-pool\"}}]}")
                    .post("/api/templates").then().statusCode(201);
            f.adminTask = f.createVm(f.accounts.get(Who.ADMIN), "am-a-" + suffix);
            f.adminVm = "am-a-" + suffix;
            f.userTask = f.createVm(f.accounts.get(Who.USER), "am-u-" + suffix);
            f.userVm = "am-u-" + suffix;
            f.admin().contentType(ContentType.JSON).body("{\"users\": [\"" + f.accounts.get(Who.AUDITOR) + "\", \""
                    + f.accounts.get(Who.NONE) + "\"]}").put("/api/vms/" + f.adminVm).then().statusCode(200);
            f.adminVolume = f.diskOf(f.adminVm);
            f.userVolume = f.diskOf(f.userVm);
            for (String account : f.accounts.values()) {
                f.tokens.put(account, f.newToken(account));
                f.sessions.put(account, f.newSession(account));
            }
            return f;
        }

        RequestSpecification admin() {
            return TestAccounts.asAdmin(Vireo.BASE);
        }

        /** Removes the VMs (and their disks), the template and the accounts (and their tokens and sessions). */
        void remove() {
            for (String vm : List.of(adminVm, userVm)) {
                if (vm != null) {
                    admin().post("/api/vms/" + vm + "/poweroff");
                    admin().delete("/api/vms/" + vm);
                }
            }
            if (template != null) {
                admin().delete("/api/templates/" + template);
            }
            accounts.values().forEach(account -> admin().delete("/api/users/" + account));
        }

        String token(String owner) {
            return tokens.get(owner);
        }

        String session(String owner) {
            return sessions.get(owner);
        }

        /** A new API token of {@code owner}, by its id. */
        String newToken(String owner) {
            return TestAccounts.as(Vireo.BASE, owner, password(owner)).post("/api/token").then().statusCode(200)
                    .extract().path("id");
        }

        /** A new session of {@code owner}, by its id. */
        String newSession(String owner) {
            return given().baseUri(Vireo.BASE).contentType(ContentType.JSON)
                    .body("{\"user\": \"" + owner + "\", \"password\": \"" + password(owner) + "\"}")
                    .post("/api/sessions").then().statusCode(200).extract().path("id");
        }

        /** A VM of {@code owner}, for a cell that may delete it. */
        String newVm(String owner) {
            String name = "am-x-" + UUID.randomUUID().toString().substring(0, 8);
            createVm(owner, name);
            return name;
        }

        /** Makes a VM as {@code owner} and answers its creation task's id once it finished. */
        private String createVm(String owner, String name) {
            String task = TestAccounts.as(Vireo.BASE, owner, password(owner)).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + name + "\", \"template\": \"/api/templates/" + template + "\"}")
                    .post("/api/vms").then().statusCode(202).extract().path("id").toString();
            await().atMost(Duration.ofSeconds(60)).until(() -> !"running".equals(admin().get("/api/tasks/" + task).path("status")));
            assertThat(admin().get("/api/tasks/" + task).<String>path("status")).as("creating " + name).isEqualTo("finished");
            return task;
        }

        private String diskOf(String vm) {
            JsonPath storages = admin().get("/api/vms/" + vm + "/storages").then().statusCode(200).extract().jsonPath();
            return storages.getString("find { it.vol != null }.vol");
        }

        private static String account(String name, String groups) {
            TestAccounts.asAdmin(Vireo.BASE).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + name + "\", \"password\": \"" + password(name) + "\", \"groups\": " + groups + "}")
                    .post("/api/users").then().statusCode(201);
            return name;
        }
    }

    private static String password(String account) {
        return "pw-" + account + "-matrix";
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
