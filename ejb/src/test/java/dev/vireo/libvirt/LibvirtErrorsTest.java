package dev.vireo.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;

/** Real errors from libvirt's test driver, translated. */
class LibvirtErrorsTest {

    private static final String URI = "test:///default";

    private Connect connect;

    @BeforeEach
    void open() throws LibvirtException {
        connect = new Connect(URI);
    }

    @AfterEach
    void close() throws LibvirtException {
        connect.close();
    }

    private LibvirtException lookUpMissingDomain() {
        return catchThrowableOfType(LibvirtException.class, () -> connect.domainLookupByName("no-such-vm"));
    }

    @Test
    void aMissingDomainIsNotFound() {
        assertThat(LibvirtErrors.isNotFound(lookUpMissingDomain())).isTrue();
    }

    @Test
    void aMissingDomainTranslatesToA404WithLibvirtsMessage() {
        LibvirtException missing = lookUpMissingDomain();

        VireoException translated = LibvirtErrors.translate(missing, URI);

        assertThat(translated.status()).isEqualTo(404);
        assertThat(translated.error()).isEqualTo(ErrorCode.LIBVIRT_NOT_FOUND);
        assertThat(translated.reason()).isNotBlank().isEqualTo(missing.getError().getMessage());
        assertThat(translated.getCause()).isSameAs(missing);
    }

    @Test
    void aMissingDomainIsNotAConnectionFailure() {
        assertThat(LibvirtErrors.isConnectionFailure(lookUpMissingDomain())).isFalse();
    }

    @Test
    void resumingARunningDomainIsNeitherNotFoundNorUnreachable() throws LibvirtException {
        Domain test = connect.domainLookupByName("test");
        try {
            LibvirtException refused = catchThrowableOfType(LibvirtException.class, test::resume);

            VireoException translated = LibvirtErrors.translate(refused, URI);

            assertThat(translated.status()).isNotEqualTo(503).isNotEqualTo(404);
            assertThat(LibvirtErrors.isNotFound(refused)).isFalse();
            assertThat(LibvirtErrors.isConnectionFailure(refused)).isFalse();
            assertThat(translated.reason()).contains("test");
        } finally {
            test.free();
        }
    }

    @Test
    void malformedDomainXmlTranslatesToA400() {
        LibvirtException refused = catchThrowableOfType(LibvirtException.class,
                () -> connect.domainDefineXML("<domain type='test'><name>broken</name>"));

        VireoException translated = LibvirtErrors.translate(refused, URI);

        assertThat(translated.status()).isEqualTo(400);
        assertThat(translated.error()).isEqualTo(ErrorCode.LIBVIRT_INVALID_ARGUMENT);
    }
}
