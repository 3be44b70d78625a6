package dev.vireo.domain;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.Xml;
import dev.vireo.validation.Limits;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * libvirt XML as the Xen REST seed writes it in JSON, both ways: an element is a key; its
 * attributes are {@code "@name"} keys, its text {@code "#text"}, its child elements keys of their
 * own, an array when the element repeats; an element with neither attributes nor children is its
 * text alone, or {@code null} when it has none; every value is a string. Namespaces stay as written: qualified names
 * ({@code "vireo:vm"}) and their declarations ({@code "@xmlns:vireo"}). Keys come out sorted, as
 * the seed shows them.
 *
 * <p>What XML holds that this form cannot: comments and processing instructions (libvirt keeps
 * none either), the relative order of siblings of different names (libvirt's schema gives it no
 * meaning), and text that only indents (whitespace-only text is dropped). Everything else maps
 * back unchanged.
 */
public final class DomainJson {

    /** Looked up once: each of {@code Json}'s static factories looks the provider up again. */
    static final JsonProvider JSON = JsonProvider.provider();

    static final String TEXT = "#text";
    static final String ATTRIBUTE = "@";
    /** Element nesting: libvirt's domain XML nests about 8 deep. */
    static final int MAX_ELEMENT_DEPTH = 32;

    private DomainJson() {
    }

    // XML to JSON

    /** The JSON form of an XML document: one key, its root element's name. */
    public static JsonObject toJson(String xml) {
        return toJson(Xml.parse(xml).getDocumentElement());
    }

    /** The JSON form of an element: one key, its name. */
    public static JsonObject toJson(Element element) {
        return JSON.createObjectBuilder().add(element.getNodeName(), value(element, 1)).build();
    }

    private static JsonValue value(Element element, int depth) {
        if (depth > MAX_ELEMENT_DEPTH) {
            throw new IllegalArgumentException("XML nested deeper than " + MAX_ELEMENT_DEPTH + " elements");
        }
        Map<String, JsonValue> fields = new TreeMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            fields.put(ATTRIBUTE + attribute.getName(), JSON.createValue(attribute.getValue()));
        }
        Map<String, List<JsonValue>> children = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element child) {
                children.computeIfAbsent(child.getNodeName(), name -> new ArrayList<>()).add(value(child, depth + 1));
            } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        boolean hasText = !text.toString().isBlank();
        if (fields.isEmpty() && children.isEmpty()) {
            return hasText ? JSON.createValue(text.toString()) : JsonValue.NULL;
        }
        if (hasText) {
            fields.put(TEXT, JSON.createValue(text.toString()));
        }
        children.forEach((name, values) -> fields.put(name, values.size() == 1 ? values.get(0)
                : JSON.createArrayBuilder(values).build()));
        JsonObjectBuilder object = JSON.createObjectBuilder();
        fields.forEach(object::add);
        return object.build();
    }

    // JSON to XML

    /**
     * The XML document a JSON form describes; {@code root} is the only name its single key may
     * have (null: any). Anything that is no element, attribute or text, an undeclared prefix, an
     * invalid name or character, is a 400 naming where it is.
     */
    public static Document toXml(JsonObject json, String root) {
        if (json.size() != 1) {
            throw invalid("", "the definition must have exactly one key, its root element"
                    + (root == null ? "" : " '" + root + "'") + ", not " + json.keySet());
        }
        String name = json.keySet().iterator().next();
        if (root != null && !root.equals(name)) {
            throw invalid("", "the root element must be '" + root + "', not '" + name + "'");
        }
        if (!(json.get(name) instanceof JsonObject)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, name, "the " + name + " is a JSON object of its attributes"
                    + " and elements");
        }
        Document document = Xml.newEmptyDocument();
        document.appendChild(element(document, name, json.get(name), Scope.ROOT, name, 1));
        return document;
    }

    /** The namespace prefixes declared where an element is. */
    private record Scope(Scope parent, Map<String, String> declared) {
        static final Scope ROOT = new Scope(null, Map.of(XMLConstants.XML_NS_PREFIX, XMLConstants.XML_NS_URI));

        String uriOf(String prefix) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                String uri = scope.declared.get(prefix);
                if (uri != null) {
                    return uri.isEmpty() ? null : uri;
                }
            }
            return null;
        }

        boolean declares(String prefix) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                if (scope.declared.containsKey(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Element element(Document document, String name, JsonValue value, Scope outer, String where,
                                   int depth) {
        if (depth > MAX_ELEMENT_DEPTH) {
            throw invalid(where, "elements nest deeper than " + MAX_ELEMENT_DEPTH + " levels");
        }
        requireName(name, where);
        JsonObject object = value instanceof JsonObject o ? o : null;
        Scope scope = object == null ? outer : new Scope(outer, declarations(object, where));
        Element element = create(document, name, scope, where);
        if (object == null) {
            String text = scalar(value, where, true);
            if (text != null) {
                element.appendChild(document.createTextNode(text));
            }
            return element;
        }
        for (Map.Entry<String, JsonValue> field : object.entrySet()) {
            String key = field.getKey();
            String path = where + "." + key;
            if (key.startsWith(ATTRIBUTE)) {
                attribute(element, key.substring(1), scalar(field.getValue(), path, false), scope, path);
            } else if (key.equals(TEXT)) {
                element.appendChild(document.createTextNode(scalar(field.getValue(), path, false)));
            } else if (field.getValue() instanceof JsonArray array) {
                if (array.isEmpty()) {
                    throw invalid(path, "an empty array: leave the key out instead");
                }
                for (int i = 0; i < array.size(); i++) {
                    if (array.get(i) instanceof JsonArray) {
                        throw invalid(path + "[" + i + "]", "an array in an array: repeat the element in one array");
                    }
                    element.appendChild(element(document, key, array.get(i), scope, path + "[" + i + "]", depth + 1));
                }
            } else {
                element.appendChild(element(document, key, field.getValue(), scope, path, depth + 1));
            }
        }
        return element;
    }

    /** The namespaces an object declares ({@code "@xmlns"}, {@code "@xmlns:p"}). */
    private static Map<String, String> declarations(JsonObject object, String where) {
        Map<String, String> declared = new HashMap<>();
        for (Map.Entry<String, JsonValue> field : object.entrySet()) {
            String key = field.getKey();
            if (key.equals("@xmlns")) {
                declared.put("", scalar(field.getValue(), where + "." + key, false));
            } else if (key.startsWith("@xmlns:")) {
                String prefix = key.substring("@xmlns:".length());
                String uri = scalar(field.getValue(), where + "." + key, false);
                if (uri.isEmpty() || prefix.equals(XMLConstants.XML_NS_PREFIX) || prefix.equals(XMLConstants.XMLNS_ATTRIBUTE)) {
                    throw invalid(where + "." + key, "a namespace prefix cannot be undeclared or redeclared");
                }
                declared.put(prefix, uri);
            }
        }
        return declared;
    }

    private static Element create(Document document, String name, Scope scope, String where) {
        int colon = name.indexOf(':');
        String prefix = colon < 0 ? "" : name.substring(0, colon);
        if (colon >= 0 && !scope.declares(prefix)) {
            throw invalid(where, "the namespace prefix '" + prefix + "' is not declared (add \"@xmlns:" + prefix + "\")");
        }
        try {
            return document.createElementNS(scope.uriOf(prefix), name);
        } catch (DOMException e) {
            throw invalid(where, "'" + name + "' is not a valid element name");
        }
    }

    private static void attribute(Element element, String name, String value, Scope scope, String where) {
        requireName(name, where);
        try {
            if (name.equals(XMLConstants.XMLNS_ATTRIBUTE) || name.startsWith("xmlns:")) {
                element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, value);
                return;
            }
            int colon = name.indexOf(':');
            if (colon < 0) {
                element.setAttributeNS(null, name, value);
                return;
            }
            String prefix = name.substring(0, colon);
            if (!scope.declares(prefix)) {
                throw invalid(where, "the namespace prefix '" + prefix + "' is not declared (add \"@xmlns:" + prefix + "\")");
            }
            element.setAttributeNS(scope.uriOf(prefix), name, value);
        } catch (DOMException e) {
            throw invalid(where, "'" + name + "' is not a valid attribute name");
        }
    }

    /** A name XML takes: an NCName, or two joined by one colon. */
    private static void requireName(String name, String where) {
        if (name.isEmpty() || name.length() > 128) {
            throw invalid(where, "a name of 1 to 128 characters is needed");
        }
        String[] parts = name.split(":", -1);
        if (parts.length > 2) {
            throw invalid(where, "'" + name + "' is not a valid XML name");
        }
        for (String part : parts) {
            if (!isNcName(part)) {
                throw invalid(where, "'" + name + "' is not a valid XML name");
            }
        }
    }

    private static boolean isNcName(String part) {
        if (part.isEmpty()) {
            return false;
        }
        int first = part.codePointAt(0);
        if (!(Character.isLetter(first) || first == '_')) {
            return false;
        }
        return part.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.'
                || Character.getType(c) == Character.NON_SPACING_MARK || Character.getType(c) == Character.COMBINING_SPACING_MARK);
    }

    /**
     * A string as text, as the seed writes every value (a number is {@code "2"}, not {@code 2});
     * null only where {@code nullable} (an empty element).
     */
    private static String scalar(JsonValue value, String where, boolean nullable) {
        if (value == JsonValue.NULL && nullable) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            String type = value.getValueType().name().toLowerCase(java.util.Locale.ROOT);
            throw new VireoException(ErrorCode.INVALID_VALUE, where, nullable
                    ? "an element is a string, an object, an array of them or null, not " + type
                    : "an attribute or text is a string (\"2\", not 2), not " + type);
        }
        String text = string.getString();
        if (text.length() > Limits.LONG_TEXT) {
            throw new VireoException(ErrorCode.TOO_LONG, where, Limits.LONG_TEXT);
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!isXmlChar(c)) {
                throw invalid(where, String.format("the character U+%04X cannot be in XML", c));
            }
            i += Character.charCount(c);
        }
        return text;
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    private static VireoException invalid(String where, String why) {
        return new VireoException(ErrorCode.XEN_INVALID_DEFINITION, where.isEmpty() ? why : where + ": " + why);
    }

    /** Reads a JSON body within the limits ({@link BoundedJson}) and maps it to XML as {@link #toXml}. */
    public static Document read(String body, String root) {
        return toXml(BoundedJson.readObject(body), root);
    }
}
