package dev.vireo.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.Xml;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class DomainJsonTest {

    /** libvirt's own test-suite domains (see domain-corpus/libvirt/NOTICE.txt). */
    static final List<String> CORPUS = List.of("testdomfv0.xml", "testdomfc4.xml", "testdomfc5.xml", "chardev-tcp.xml",
            "chardev-udp.xml", "cputune.xml", "title-and-description.xml", "graphics-vnc-socket-attr-listen-address.xml",
            "vcpus-individual.xml", "disk-network-http.xml");

    static String resource(String path) {
        try (InputStream in = DomainJsonTest.class.getResourceAsStream("/domain-corpus/" + path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + path, e);
        }
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void theSeedsExampleMapsToXmlAndBackUnchanged() {
        JsonObject seed = json(resource("seed-create-test0.json"));

        Document xml = DomainJson.toXml(seed, "domain");
        JsonObject back = DomainJson.toJson(Xml.write(xml));

        assertThat(back).isEqualTo(seed);
        // keys come out sorted, as the seed writes them
        assertThat(List.copyOf(back.getJsonObject("domain").keySet())).isSorted();
        Element domain = xml.getDocumentElement();
        assertThat(domain.getAttribute("type")).isEqualTo("xen");
        assertThat(Xml.path(domain, "currentMemory").getTextContent()).isEqualTo("1048576");
        assertThat(Xml.path(domain, "currentMemory").getAttribute("unit")).isEqualTo("KiB");
        assertThat(Xml.children(Xml.child(domain, "devices"), "disk")).hasSize(2);
        Element cdrom = Xml.children(Xml.child(domain, "devices"), "disk").get(1);
        assertThat(Xml.child(cdrom, "readonly")).isNotNull();
        assertThat(Xml.child(cdrom, "readonly").hasChildNodes()).isFalse();
        assertThat(Xml.children(Xml.child(domain, "os"), "boot")).extracting(boot -> boot.getAttribute("dev"))
                .containsExactly("hd", "cdrom");
    }

    @Test
    void theSeedsInspectExampleMapsBothWaysToo() {
        JsonObject seed = json(resource("seed-inspect-test0.json"));

        assertThat(DomainJson.toJson(Xml.write(DomainJson.toXml(seed, "domain")))).isEqualTo(seed);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusDomainMapsToJsonAndBackWithoutLoss() {
        return CORPUS.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            String original = resource("libvirt/" + file);

            JsonObject json = DomainJson.toJson(original);
            Document back = DomainJson.toXml(json, "domain");

            assertThat(XmlTrees.of(back.getDocumentElement()))
                    .isEqualTo(XmlTrees.of(Xml.parse(original).getDocumentElement()));
            assertThat(DomainJson.toJson(Xml.write(back))).isEqualTo(json);
        }));
    }

    @Test
    void repeatedElementsAreArraysAndTextKeepsItsSpaces() {
        JsonObject json = DomainJson.toJson(resource("libvirt/testdomfc4.xml")).getJsonObject("domain");

        assertThat(json.getJsonObject("os").getString("cmdline")).isEqualTo(" ro selinux=0 3");
        assertThat(json.getJsonObject("devices").get("disk").getValueType()).isEqualTo(jakarta.json.JsonValue.ValueType.OBJECT);
        JsonObject udp = DomainJson.toJson(resource("libvirt/chardev-udp.xml")).getJsonObject("domain");
        assertThat(udp.getJsonObject("devices").getJsonArray("channel")).hasSize(6);
        assertThat(udp.getJsonObject("devices").getJsonArray("channel").getJsonObject(2).getJsonArray("source"))
                .hasSize(2);
        JsonObject described = DomainJson.toJson(resource("libvirt/title-and-description.xml")).getJsonObject("domain");
        assertThat(described.getString("description")).isEqualTo("\n    this is the\n    guest description\n  ");
    }

    @Test
    void namespacesKeepTheirPrefixesAndDeclarations() {
        String xml = "<domain type='test' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'><name>n</name>"
                + "<metadata><app:data xmlns:app='urn:app' app:level='3'>x</app:data></metadata>"
                + "<qemu:commandline><qemu:arg value='-S'/></qemu:commandline></domain>";

        JsonObject json = DomainJson.toJson(xml);
        Document back = DomainJson.toXml(json, "domain");

        assertThat(json.getJsonObject("domain").getString("@xmlns:qemu")).isEqualTo("http://libvirt.org/schemas/domain/qemu/1.0");
        assertThat(json.getJsonObject("domain").getJsonObject("metadata").getJsonObject("app:data").getString("@app:level"))
                .isEqualTo("3");
        Element data = Xml.path(back.getDocumentElement(), "metadata", "data");
        assertThat(data.getNamespaceURI()).isEqualTo("urn:app");
        assertThat(data.getAttributeNS("urn:app", "level")).isEqualTo("3");
        assertThat(XmlTrees.of(back.getDocumentElement())).isEqualTo(XmlTrees.of(Xml.parse(xml).getDocumentElement()));
    }

    @Test
    void everyValueIsAStringAsTheSeedWritesThem() {
        for (String body : List.of("{\"domain\": {\"vcpu\": 2}}", "{\"domain\": {\"memory\": {\"#text\": 65536}}}",
                "{\"domain\": {\"@type\": 1}}", "{\"domain\": {\"name\": true}}", "{\"domain\": {\"@type\": null}}",
                "{\"domain\": \"x\"}", "{\"domain\": null}", "[{\"domain\": {}}]", "\"domain\"")) {
            assertThatThrownBy(() -> DomainJson.read(body, "domain")).as(body)
                    .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_VALUE));
        }
        assertThatThrownBy(() -> DomainJson.read("{\"domain\": {\"devices\": {\"disk\": [{\"@type\": 0}]}}}", "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.reason()).contains("domain.devices.disk[0].@type"));
        assertThatThrownBy(() -> DomainJson.read("{\"domain\": {\"title\": \"" + "x".repeat(4097) + "\"}}", "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.TOO_LONG);
                    assertThat(e.reason()).contains("domain.title");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"domain\": {\"vireo:vm\": null}}",
        "{\"domain\": {\"@a:b\": \"x\"}}",
        "{\"domain\": {\"1abc\": null}}",
        "{\"domain\": {\"a b\": null}}",
        "{\"domain\": {\"@\": \"x\"}}",
        "{\"domain\": {\"#comment\": \"x\"}}",
        "{\"domain\": {\"disk\": []}}",
        "{\"domain\": {\"disk\": [[null]]}}",
        "{\"domain\": {\"name\": \"a\\u0001b\"}}",
        "{\"domain\": {}, \"other\": {}}",
        "{\"network\": {}}",
        "{\"domain\": {\"@xmlns:xml\": \"urn:x\"}}",
        "{\"domain\": {\"a:b:c\": null}}",
        "{\"domain\": {\"name\": \"a\", \"name\": \"b\"}}",
    })
    void whatIsNoDomainDefinitionIsRefusedByName(String body) {
        assertThatThrownBy(() -> DomainJson.read(body, "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo(ErrorCode.XEN_INVALID_DEFINITION);
                });
    }

    @Test
    void malformedJsonIsA400() {
        assertThatThrownBy(() -> DomainJson.read("{\"domain\": ", "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> DomainJson.read("", "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.MISSING_BODY));
    }

    @Test
    void deepNestingIsRefusedBeforeAnyRecursion() {
        String deep = "{\"domain\": " + "{\"a\": ".repeat(200_000) + "null" + "}".repeat(200_000) + "}";
        String deepArrays = "{\"domain\": {\"a\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}}";
        String elements = "{\"domain\": " + "{\"a\": ".repeat(40) + "null" + "}".repeat(40) + "}";

        for (String body : List.of(deep, deepArrays, elements)) {
            assertThatThrownBy(() -> DomainJson.read(body, "domain"))
                    .isInstanceOfSatisfying(VireoException.class, e -> {
                        assertThat(e.error()).isEqualTo(ErrorCode.XEN_INVALID_DEFINITION);
                        assertThat(e.reason()).contains("deeper than");
                    });
        }
    }

    @Test
    void tooManyValuesOrTooLongAStringIsRefused() {
        StringBuilder many = new StringBuilder("{\"domain\": {\"x\": [");
        for (int i = 0; i < BoundedJson.MAX_VALUES; i++) {
            many.append(i == 0 ? "" : ",").append("null");
        }
        many.append("]}}");
        String longKey = "{\"domain\": {\"" + "x".repeat(BoundedJson.MAX_STRING + 1) + "\": null}}";

        assertThatThrownBy(() -> DomainJson.read(many.toString(), "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.reason()).contains("more than"));
        assertThatThrownBy(() -> DomainJson.read(longKey, "domain"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.reason()).contains("characters"));
    }

    @Test
    void xmlWithADoctypeOrEntitiesIsNeverExpanded() {
        String billionLaughs = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
                + "<domain><name>&b;</name></domain>";
        String external = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>";

        assertThatThrownBy(() -> DomainJson.toJson(billionLaughs)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DomainJson.toJson(external)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void markupInValuesStaysText() {
        JsonObject json = json("{\"domain\": {\"name\": \"x\", \"description\": \"</description><evil/>&amp;\","
                + " \"title\": {\"@a\": \"'\\\"<>&\", \"#text\": \"]]>\"}}}");

        Document xml = DomainJson.toXml(json, "domain");
        JsonObject back = DomainJson.toJson(Xml.write(xml));

        assertThat(back).isEqualTo(json);
        assertThat(Xml.child(xml.getDocumentElement(), "evil")).isNull();
    }

    @Test
    void aDefinitionNamesItsDomainWithAValidNameAndUuid() {
        assertThat(RawDefinition.parse("{\"domain\": {\"name\": \"web-1\"}}").name()).isEqualTo("web-1");
        for (String bad : List.of("{\"domain\": {}}", "{\"domain\": {\"name\": \"../x\"}}",
                "{\"domain\": {\"name\": \" web\"}}", "{\"domain\": {\"name\": [\"a\", \"b\"]}}",
                "{\"domain\": {\"name\": {\"@x\": \"1\", \"#text\": \"a\"}}}",
                "{\"domain\": {\"name\": \"a\", \"uuid\": \"not-a-uuid\"}}")) {
            assertThatThrownBy(() -> RawDefinition.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }

    @Test
    void aDeviceIsOneDeviceElement() {
        RawDevice device = RawDevice.parse("{\"disk\": {\"@type\": \"file\", \"target\": {\"@dev\": \"vdb\"}}}");

        assertThat(device.kind()).isEqualTo("disk");
        assertThat(device.xml().getDocumentElement().getNodeName()).isEqualTo("disk");
        assertThatThrownBy(() -> RawDevice.parse("{\"domain\": {}}"))
                .isInstanceOfSatisfying(VireoException.class, e -> assertThat(e.reason()).contains("disk"));
    }
}
