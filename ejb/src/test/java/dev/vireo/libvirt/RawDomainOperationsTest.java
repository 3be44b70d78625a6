package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.domain.DomainJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** libvirt's test driver takes what the JSON form defines exactly as it takes the XML it came from. */
class RawDomainOperationsTest {

    private static final List<String> CORPUS = List.of("testdomfv0.xml", "testdomfc4.xml", "testdomfc5.xml",
            "chardev-tcp.xml", "chardev-udp.xml", "cputune.xml", "title-and-description.xml",
            "graphics-vnc-socket-attr-listen-address.xml", "vcpus-individual.xml", "disk-network-http.xml");
    private static final int XML_INACTIVE = 2;

    private Connect connect;

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect("test:///default");
    }

    @AfterEach
    void close() throws LibvirtException {
        connect.close();
    }

    private static String resource(String file) {
        try (InputStream in = RawDomainOperationsTest.class.getResourceAsStream("/domain-corpus/libvirt/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines {@code xml}, answers the definition as libvirt keeps it, and undefines it again. */
    private String defineAndRead(String xml) throws LibvirtException {
        Domain domain = connect.domainDefineXML(xml);
        try {
            return domain.getXMLDesc(XML_INACTIVE);
        } finally {
            domain.undefine();
            domain.free();
        }
    }

    @TestFactory
    Stream<DynamicTest> theDriverKeepsTheSameDefinitionFromJsonAsFromXml() {
        return CORPUS.stream().map(file -> DynamicTest.dynamicTest(file, () -> {
            String original = resource(file);
            String fromJson = Xml.write(DomainJson.toXml(DomainJson.toJson(original), "domain"));

            String kept = defineAndRead(original);
            String keptFromJson = defineAndRead(fromJson);

            assertThat(keptFromJson).isEqualTo(kept);
            // and libvirt's own form of it (which is no fixed point: libvirt orders disks again) defines the same
            // domain through JSON as directly
            assertThat(defineAndRead(Xml.write(DomainJson.toXml(DomainJson.toJson(kept), "domain"))))
                    .isEqualTo(defineAndRead(kept));
        }));
    }

    @Test
    void theDriversOwnDomainGoesThroughJsonAndBack() throws LibvirtException {
        String test = RawDomainOperations.xml(connect, "test", XML_INACTIVE).orElseThrow();

        String back = Xml.write(DomainJson.toXml(DomainJson.toJson(test), "domain"));

        assertThat(DomainJson.toJson(back)).isEqualTo(DomainJson.toJson(test));
        assertThat(DomainJson.toJson(test).getJsonObject("domain").getString("name")).isEqualTo("test");
    }

    @Test
    void flagsReachLibvirtThroughTheCallsLibvirtJavaLacks() throws LibvirtException {
        String xml = "<domain type='test'><name>raw-ops</name><memory unit='KiB'>131072</memory>"
                + "<vcpu>2</vcpu><os><type>hvm</type></os></domain>";
        connect.domainDefineXML(xml).free();
        try {
            assertThat(RawDomainOperations.change(connect, "raw-ops", RawDomainOperations.start(0))).isTrue();
            assertThat(stateOf("raw-ops")).isEqualTo(DomainState.RUNNING);
            RawDomainOperations.change(connect, "raw-ops", RawDomainOperations.memory(65536, false, 1));
            assertThat(LifecycleOperations.byName(connect, "raw-ops").orElseThrow().definition().currentMemoryBytes())
                    .isEqualTo(65536L * 1024);
            RawDomainOperations.change(connect, "raw-ops", RawDomainOperations.vcpus(1, 1));
            assertThat(LifecycleOperations.byName(connect, "raw-ops").orElseThrow().definition().vcpus()).isEqualTo(1);
            RawDomainOperations.change(connect, "raw-ops", RawDomainOperations.shutdown(0));
            assertThat(stateOf("raw-ops")).isEqualTo(DomainState.SHUTOFF);
            RawDomainOperations.change(connect, "raw-ops", RawDomainOperations.start(0));
            RawDomainOperations.change(connect, "raw-ops", RawDomainOperations.destroy(0));
            assertThat(stateOf("raw-ops")).isEqualTo(DomainState.SHUTOFF);
            // libvirt's own refusal comes back as its exception, not a crash: the test driver takes no graceful destroy
            // of a domain that is not running
            LibvirtException refused = catchThrowableOfType(() -> RawDomainOperations.change(connect, "raw-ops",
                    RawDomainOperations.destroy(1)), LibvirtException.class);
            assertThat(refused).isNotNull();
            assertThat(refused.getError()).isNotNull();
        } finally {
            Domain domain = connect.domainLookupByName("raw-ops");
            if (domain.isActive() == 1) {
                domain.destroy();
            }
            domain.undefine();
            domain.free();
        }
    }

    private DomainState stateOf(String name) throws LibvirtException {
        return LifecycleOperations.byName(connect, name).orElseThrow().state();
    }

    @Test
    void aTransientDomainStoppedIsGoneAndNotMissing() throws LibvirtException {
        connect.domainCreateXML("<domain type='test'><name>raw-transient</name><memory>65536</memory>"
                + "<os><type>hvm</type></os></domain>", 0).free();

        assertThat(RawDomainOperations.change(connect, "raw-transient", RawDomainOperations.destroy(0))).isTrue();
        assertThat(LifecycleOperations.byName(connect, "raw-transient")).isEmpty();
    }

    @Test
    void aMissingDomainIsEmpty() throws LibvirtException {
        assertThat(RawDomainOperations.change(connect, "no-such-domain", RawDomainOperations.suspend())).isFalse();
        assertThat(RawDomainOperations.xml(connect, "no-such-domain", 0)).isEmpty();
        assertThat(RawDomainOperations.undefine(connect, "no-such-domain", 0)).isEmpty();
    }
}
