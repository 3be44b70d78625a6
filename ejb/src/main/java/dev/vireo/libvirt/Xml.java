package dev.vireo.libvirt;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reading and writing libvirt XML through DOM: a parser hardened against external entities, a
 * serializer, and the few navigation helpers the typed readers need.
 */
public final class Xml {

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();
    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // nothing libvirt sends warrants a warning of its own
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private Xml() {
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be hardened", e);
        }
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory;
    }

    static DocumentBuilder builder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            // the default handler prints to stderr besides throwing; Vireo reports failures itself
            builder.setErrorHandler(QUIET);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Document parse(String xml) {
        try {
            return builder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | java.io.IOException e) {
            throw new IllegalArgumentException("Unreadable XML from libvirt: " + e.getMessage(), e);
        }
    }

    /** A document without a root element yet. */
    public static Document newEmptyDocument() {
        return builder().newDocument();
    }

    public static Document newDocument(String rootName) {
        Document document = builder().newDocument();
        document.appendChild(document.createElement(rootName));
        return document;
    }

    public static String write(Document document) {
        try {
            Transformer transformer = TRANSFORMERS.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One element and what it contains, as a document of its own. */
    public static String write(Element element) {
        Document single = builder().newDocument();
        single.appendChild(single.importNode(element, true));
        return write(single);
    }

    /** Appends a child element and returns it. */
    public static Element append(Element parent, String name) {
        Element child = parent.getOwnerDocument().createElement(name);
        parent.appendChild(child);
        return child;
    }

    /** Appends a child element holding {@code text} and returns it. */
    public static Element append(Element parent, String name, String text) {
        Element child = append(parent, name);
        child.setTextContent(text);
        return child;
    }

    /** The direct children of {@code parent} named {@code name}. */
    public static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent == null) {
            return found;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && name.equals(localName(element))) {
                found.add(element);
            }
        }
        return found;
    }

    /** The first direct child of {@code parent} named {@code name}, or null. */
    public static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Follows a path of child names from {@code start}; null when a step is missing. */
    public static Element path(Element start, String... names) {
        Element current = start;
        for (String name : names) {
            current = child(current, name);
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    /** The trimmed text of a child, if present and not empty. */
    public static Optional<String> text(Element parent, String... names) {
        Element element = path(parent, names);
        if (element == null) {
            return Optional.empty();
        }
        String text = element.getTextContent().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** An attribute's value, if the element exists and has it. */
    public static Optional<String> attribute(Element element, String name) {
        if (element == null || !element.hasAttribute(name)) {
            return Optional.empty();
        }
        return Optional.of(element.getAttribute(name));
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }
}
