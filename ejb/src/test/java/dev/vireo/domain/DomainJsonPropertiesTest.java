package dev.vireo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vireo.libvirt.Xml;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;

/**
 * Generated trees, reproducible by their seed: any JSON form maps to XML and back unchanged, and
 * the XML it maps to maps to JSON and back to the same XML.
 */
class DomainJsonPropertiesTest {

    private static final int CASES = 500;
    private static final List<String> NAMES = List.of("a", "b", "disk", "x-y", "n.m", "_u", "été", "Ω1", "p:q", "p:r");
    private static final String NAMESPACE = "urn:vireo:test:p";
    private static final String CHARACTERS = "abc XYZ 019 <>&'\"]]> \t\n é 漢字 😀 =/;";

    @TestFactory
    Stream<DynamicTest> aGeneratedTreeMapsToXmlAndBackUnchanged() {
        return IntStream.range(0, CASES).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            JsonObject tree = tree(new Random(seed));

            Document xml = DomainJson.toXml(tree, "domain");
            String written = Xml.write(xml);
            JsonObject back = DomainJson.toJson(written);
            Document again = DomainJson.toXml(back, "domain");

            assertThat(back).isEqualTo(tree);
            assertThat(XmlTrees.of(again.getDocumentElement())).isEqualTo(XmlTrees.of(Xml.parse(written).getDocumentElement()));
        }));
    }

    private static JsonObject tree(Random random) {
        JsonObjectBuilder root = Json.createObjectBuilder().add("@xmlns:p", NAMESPACE);
        fill(root, random, 1, true);
        return Json.createObjectBuilder().add("domain", root).build();
    }

    /**
     * An element's content: attributes, children, and text only beside attributes and without
     * children (libvirt's schema has no mixed content); never empty (an empty element is null).
     */
    private static void fill(JsonObjectBuilder element, Random random, int depth, boolean root) {
        Set<String> used = new LinkedHashSet<>();
        int attributes = random.nextInt(3);
        for (int i = 0; i < attributes; i++) {
            String name = pick(random);
            if (used.add("@" + name)) {
                element.add("@" + name, text(random, true));
            }
        }
        int children = depth >= 5 ? 0 : random.nextInt(4);
        for (int i = 0; i < children; i++) {
            String name = pick(random);
            if (!used.add(name)) {
                continue;
            }
            int repeats = random.nextInt(4) == 0 ? 2 + random.nextInt(2) : 1;
            if (repeats == 1) {
                element.add(name, value(random, depth + 1));
            } else {
                JsonArrayBuilder array = Json.createArrayBuilder();
                for (int r = 0; r < repeats; r++) {
                    array.add(value(random, depth + 1));
                }
                element.add(name, array);
            }
        }
        boolean hasChildren = used.stream().anyMatch(name -> !name.startsWith("@"));
        if (!hasChildren && !root) {
            if (used.isEmpty()) {
                element.add("@only", text(random, true));
            }
            if (random.nextBoolean()) {
                element.add("#text", text(random, false));
            }
        }
    }

    /** An element as the canonical JSON form writes it: null, its text, or an object with at least one key. */
    private static JsonValue value(Random random, int depth) {
        switch (random.nextInt(4)) {
            case 0:
                return JsonValue.NULL;
            case 1:
                return Json.createValue(text(random, false));
            default:
                JsonObjectBuilder object = Json.createObjectBuilder();
                fill(object, random, depth, false);
                return object.build();
        }
    }

    private static String pick(Random random) {
        return NAMES.get(random.nextInt(NAMES.size()));
    }

    /** Random text; element text is never blank (blank text only indents, and is dropped). */
    private static String text(Random random, boolean mayBeEmpty) {
        int length = (mayBeEmpty ? 0 : 1) + random.nextInt(12);
        StringBuilder text = new StringBuilder();
        int[] points = CHARACTERS.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(points[random.nextInt(points.length)]);
        }
        if (!mayBeEmpty && text.toString().isBlank()) {
            text.append('z');
        }
        return text.toString();
    }
}
