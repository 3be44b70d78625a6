package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class XmlTest {

    private static final String DOMAIN = """
            <domain type='kvm' xmlns:vireo='https://vireo.dev/xmlns/domain/1'>
              <name>  web-01
              </name>
              <title></title>
              <metadata>
                <vireo:owner>alice</vireo:owner>
              </metadata>
              <devices>
                <disk device='disk'><target dev='vda'/></disk>
                <interface type='network'/>
                <disk device='cdrom'><target dev='sdc'/></disk>
                <controller type='scsi'>
                  <disk device='nested'/>
                </controller>
              </devices>
            </domain>
            """;

    private static Element root(String xml) {
        return Xml.parse(xml).getDocumentElement();
    }

    @Test
    void refusesADocumentWithAnExternalEntity(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE domain [ <!ENTITY secret SYSTEM "%s"> ]>
                <domain><name>&secret;</name></domain>
                """.formatted(secret.toUri());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Xml.parse(xxe))
                .withMessageStartingWith("Unreadable XML")
                .withMessageNotContaining("TOP-SECRET");
    }

    @Test
    void refusesAnyDoctypeEvenWithoutEntities() {
        String doctype = """
                <!DOCTYPE domain SYSTEM "http://localhost:1/domain.dtd">
                <domain><name>a</name></domain>
                """;

        assertThatIllegalArgumentException().isThrownBy(() -> Xml.parse(doctype));
    }

    @Test
    void refusesEntityExpansionBombs() {
        String laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                  <!ENTITY lol "lol">
                  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                ]>
                <lolz>&lol3;</lolz>
                """;

        assertThatIllegalArgumentException().isThrownBy(() -> Xml.parse(laughs));
    }

    @Test
    void refusesMalformedXml() {
        assertThatIllegalArgumentException().isThrownBy(() -> Xml.parse("<domain><name>a</domain>"));
    }

    @Test
    void writeEscapesMarkupInText() {
        Document document = Xml.newDocument("domain");
        Xml.append(document.getDocumentElement(), "name", "a</name><evil/>");

        String written = Xml.write(document);

        assertThat(written).doesNotContain("<evil/>").contains("&lt;/name&gt;&lt;evil/&gt;");
        Element reread = root(written);
        assertThat(Xml.text(reread, "name")).contains("a</name><evil/>");
        assertThat(reread.getElementsByTagName("evil").getLength()).isZero();
        assertThat(Xml.children(reread, "name")).hasSize(1);
    }

    @Test
    void writeEscapesQuotesAndMarkupInAttributes() {
        String hostile = "x' onload=\"y\" <evil/> & more";
        Document document = Xml.newDocument("domain");
        Xml.append(document.getDocumentElement(), "title", "t").setAttribute("lang", hostile);

        Element reread = root(Xml.write(document));

        Element title = Xml.child(reread, "title");
        assertThat(Xml.attribute(title, "lang")).contains(hostile);
        assertThat(title.getAttributes().getLength()).isOne();
        assertThat(reread.getElementsByTagName("evil").getLength()).isZero();
    }

    @Test
    void writeOmitsTheXmlDeclaration() {
        Document document = Xml.newDocument("domain");
        document.getDocumentElement().setAttribute("type", "kvm");

        assertThat(Xml.write(document).strip()).isEqualTo("<domain type=\"kvm\"/>");
    }

    @Test
    void appendReturnsTheNewChildInDocumentOrder() {
        Document document = Xml.newDocument("os");
        Element os = document.getDocumentElement();
        Element first = Xml.append(os, "boot");
        first.setAttribute("dev", "cdrom");
        Xml.append(os, "boot").setAttribute("dev", "hd");

        assertThat(first.getParentNode()).isSameAs(os);
        assertThat(Xml.children(os, "boot")).extracting(e -> e.getAttribute("dev")).containsExactly("cdrom", "hd");
    }

    @Test
    void childrenAreTheDirectChildrenOfThatNameInDocumentOrder() {
        Element devices = Xml.child(root(DOMAIN), "devices");

        assertThat(Xml.children(devices, "disk"))
                .extracting(e -> e.getAttribute("device"))
                .containsExactly("disk", "cdrom");
    }

    @Test
    void childrenOfAMissingParentIsEmpty() {
        assertThat(Xml.children(null, "disk")).isEmpty();
        assertThat(Xml.children(root(DOMAIN), "no-such-element")).isEmpty();
    }

    @Test
    void childrenMatchByLocalNameWhateverTheNamespace() {
        Element metadata = Xml.child(root(DOMAIN), "metadata");

        assertThat(Xml.text(metadata, "owner")).contains("alice");
    }

    @Test
    void childIsTheFirstMatchOrNull() {
        Element devices = Xml.child(root(DOMAIN), "devices");

        assertThat(Xml.child(devices, "disk").getAttribute("device")).isEqualTo("disk");
        assertThat(Xml.child(devices, "graphics")).isNull();
        assertThat(Xml.child(null, "disk")).isNull();
    }

    @Test
    void pathFollowsChildNames() {
        Element target = Xml.path(root(DOMAIN), "devices", "disk", "target");

        assertThat(target.getAttribute("dev")).isEqualTo("vda");
    }

    @Test
    void pathIsNullWhenAStepIsMissing() {
        assertThat(Xml.path(root(DOMAIN), "devices", "graphics", "listen")).isNull();
        assertThat(Xml.path(null, "devices")).isNull();
    }

    @Test
    void pathWithoutNamesIsTheStart() {
        Element domain = root(DOMAIN);

        assertThat(Xml.path(domain)).isSameAs(domain);
    }

    @Test
    void textIsTrimmed() {
        assertThat(Xml.text(root(DOMAIN), "name")).contains("web-01");
    }

    @Test
    void textOfAnEmptyOrMissingElementIsEmpty() {
        Element domain = root(DOMAIN);

        assertThat(Xml.text(domain, "title")).isEmpty();
        assertThat(Xml.text(domain, "description")).isEmpty();
        assertThat(Xml.text(domain, "devices", "graphics")).isEmpty();
    }

    @Test
    void attributeIsPresentOnlyWhenTheElementHasIt() {
        Element domain = root("<domain type='kvm' id=''/>");

        assertThat(Xml.attribute(domain, "type")).contains("kvm");
        assertThat(Xml.attribute(domain, "id")).as("present but empty").contains("");
        assertThat(Xml.attribute(domain, "uuid")).isEmpty();
        assertThat(Xml.attribute(null, "type")).isEmpty();
    }
}
