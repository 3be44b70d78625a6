package dev.vireo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A host of libvirt's test driver described in a file ({@code test:///path/host.xml}): its CPUs and
 * memory, its domains (running or shut off), a storage pool and a NAT network. Written with the DOM.
 */
public final class TestDriverHost {

    private static final String TEST_NS = "http://libvirt.org/schemas/domain/test/1.0";
    /** libvirt's virDomainState for a shut-off domain, as the test driver's runstate takes it. */
    private static final int SHUTOFF = 5;

    private record Guest(String name, int memoryMiB, int vcpus, boolean running, Integer vncPort) {
    }

    private int cpus = 4;
    private long memoryMiB = 8192;
    private String pool;
    private String poolPath;
    private String network;
    private final List<Guest> guests = new ArrayList<>();

    public TestDriverHost cpus(int count) {
        this.cpus = count;
        return this;
    }

    public TestDriverHost memoryMiB(long mib) {
        this.memoryMiB = mib;
        return this;
    }

    /** A running domain. */
    public TestDriverHost domain(String name, int memoryMiB, int vcpus) {
        guests.add(new Guest(name, memoryMiB, vcpus, true, null));
        return this;
    }

    /** A running domain whose VNC display listens (so its definition says) on 127.0.0.1 at {@code vncPort}. */
    public TestDriverHost domainWithVnc(String name, int vncPort) {
        guests.add(new Guest(name, 256, 1, true, vncPort));
        return this;
    }

    public TestDriverHost shutOffDomain(String name, int memoryMiB, int vcpus) {
        guests.add(new Guest(name, memoryMiB, vcpus, false, null));
        return this;
    }

    /** {@code count} running domains named {@code prefix0000}, {@code prefix0001}, … */
    public TestDriverHost domains(String prefix, int count, int memoryMiB, int vcpus) {
        for (int i = 0; i < count; i++) {
            domain(String.format(Locale.ROOT, "%s%04d", prefix, i), memoryMiB, vcpus);
        }
        return this;
    }

    /** A dir pool with this name at {@code /name}. */
    public TestDriverHost pool(String name) {
        return pool(name, "/" + name);
    }

    /** A dir pool with this name at {@code directory} (one the server may write: its volumes' files are real). */
    public TestDriverHost pool(String name, Path directory) {
        return pool(name, directory.toAbsolutePath().toString());
    }

    private TestDriverHost pool(String name, String path) {
        this.pool = name;
        this.poolPath = path;
        return this;
    }

    /** A NAT network with this name on 192.168.122.0/24. */
    public TestDriverHost network(String name) {
        this.network = name;
        return this;
    }

    /** Writes the host's file and answers its libvirt URI. */
    public String writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element node = document.createElement("node");
            node.setAttribute("xmlns:test", TEST_NS);
            document.appendChild(node);
            Element cpu = append(node, "cpu", null);
            append(cpu, "nodes", "1");
            append(cpu, "sockets", "1");
            append(cpu, "cores", String.valueOf(cpus));
            append(cpu, "threads", "1");
            append(cpu, "active", String.valueOf(cpus));
            append(cpu, "mhz", "2000");
            append(cpu, "model", "x86_64");
            append(node, "memory", String.valueOf(memoryMiB * 1024));
            for (Guest guest : guests) {
                Element domain = append(node, "domain", null);
                domain.setAttribute("type", "test");
                append(domain, "name", guest.name());
                append(domain, "memory", String.valueOf(guest.memoryMiB() * 1024L)).setAttribute("unit", "KiB");
                append(domain, "vcpu", String.valueOf(guest.vcpus()));
                append(append(domain, "os", null), "type", "hvm");
                Element graphics = append(append(domain, "devices", null), "graphics", null);
                graphics.setAttribute("type", "vnc");
                if (guest.vncPort() == null) {
                    graphics.setAttribute("port", "-1");
                } else {
                    graphics.setAttribute("port", String.valueOf(guest.vncPort()));
                    graphics.setAttribute("autoport", "no");
                    graphics.setAttribute("listen", "127.0.0.1");
                }
                if (!guest.running()) {
                    Element runstate = document.createElementNS(TEST_NS, "test:runstate");
                    runstate.setTextContent(String.valueOf(SHUTOFF));
                    domain.appendChild(runstate);
                }
            }
            if (pool != null) {
                Element element = append(node, "pool", null);
                element.setAttribute("type", "dir");
                append(element, "name", pool);
                append(append(element, "target", null), "path", poolPath);
            }
            if (network != null) {
                Element element = append(node, "network", null);
                append(element, "name", network);
                append(element, "bridge", null).setAttribute("name", "virbr-" + Math.abs(network.hashCode() % 10000));
                append(element, "forward", null);
                Element ip = append(element, "ip", null);
                ip.setAttribute("address", "192.168.122.1");
                ip.setAttribute("netmask", "255.255.255.0");
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.transform(new DOMSource(document), new StreamResult(file.toFile()));
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IOException("Cannot write the test host " + file, e);
        }
        return "test://" + file.toAbsolutePath();
    }

    private static Element append(Element parent, String name, String text) {
        Element child = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            child.setTextContent(text);
        }
        parent.appendChild(child);
        return child;
    }
}
