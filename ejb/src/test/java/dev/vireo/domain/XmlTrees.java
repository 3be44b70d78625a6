package dev.vireo.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What an XML element means to libvirt, as a value to compare: its qualified name and namespace,
 * its attributes, its text unless it only indents, and its children by name, each name's in their
 * order (the order between different names carries no meaning).
 */
final class XmlTrees {

    private XmlTrees() {
    }

    static Map<String, Object> of(Element element) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", element.getNodeName());
        tree.put("namespace", element.getNamespaceURI());
        Map<String, String> attributes = new TreeMap<>();
        NamedNodeMap attrs = element.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr attr = (Attr) attrs.item(i);
            attributes.put(attr.getName() + "|" + attr.getNamespaceURI(), attr.getValue());
        }
        tree.put("attributes", attributes);
        StringBuilder text = new StringBuilder();
        Map<String, List<Object>> children = new TreeMap<>();
        NodeList nodes = element.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element child) {
                children.computeIfAbsent(child.getNodeName(), name -> new ArrayList<>()).add(of(child));
            } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(node.getNodeValue());
            }
        }
        tree.put("text", text.toString().isBlank() ? null : text.toString());
        tree.put("children", children);
        return tree;
    }
}
