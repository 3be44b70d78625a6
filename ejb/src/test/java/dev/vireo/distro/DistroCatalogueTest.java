package dev.vireo.distro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistroCatalogueTest {

    @Test
    void readsKimchisFormatWithNamesThatHoldSpaces() throws IOException {
        List<DistroView> entries = DistroCatalogue.parse(new StringReader("""
                # a comment
                [Fedora 29]
                os_distro = fedora
                os_version = 29
                os_arch = x86_64
                path = https://example.org/Fedora-29.iso
                """), "test");

        assertThat(entries).containsExactly(
                new DistroView("Fedora 29", "fedora", "29", "x86_64", "https://example.org/Fedora-29.iso"));
    }

    @Test
    void leavesOutEntriesThatLackAFieldOrWhosePathIsNoUrl() throws IOException {
        List<DistroView> entries = DistroCatalogue.parse(new StringReader("""
                [No arch]
                os_distro = fedora
                os_version = 29
                path = https://example.org/f.iso
                [A file]
                os_distro = debian
                os_version = 12
                os_arch = x86_64
                path = /etc/passwd
                [a/b]
                os_distro = debian
                os_version = 12
                os_arch = x86_64
                path = https://example.org/d.iso
                """), "test");

        assertThat(entries).isEmpty();
    }

    @Test
    void theShippedCatalogueIsReadAndADirectorysFilesAddToItAndReplaceByName(@TempDir Path dir) throws IOException {
        assertThat(DistroCatalogue.read(null)).extracting(DistroView::name).contains("Fedora 41", "Debian 12");
        Files.writeString(dir.resolve("site.distros"), """
                [Debian 12]
                os_distro = debian
                os_version = 12
                os_arch = x86_64
                path = http://mirror.local/debian-12.iso
                [Local 1]
                os_distro = local
                os_version = 1
                os_arch = x86_64
                path = http://mirror.local/local-1.iso
                """);
        Files.writeString(dir.resolve("ignored.txt"), "[Other]\n");

        List<DistroView> entries = DistroCatalogue.read(dir);

        assertThat(entries).filteredOn(entry -> entry.name().equals("Debian 12")).extracting(DistroView::path)
                .containsExactly("http://mirror.local/debian-12.iso");
        assertThat(entries).extracting(DistroView::name).contains("Local 1").doesNotContain("Other");
    }

    @Test
    void anInstallerRunsOnItsArchitectureFamily() {
        assertThat(DistroCatalogue.runsOn("x86_64", "i686")).isTrue();
        assertThat(DistroCatalogue.runsOn("x86_64", "x86_64")).isTrue();
        assertThat(DistroCatalogue.runsOn("aarch64", "x86_64")).isFalse();
        assertThat(DistroCatalogue.runsOn("ppc64le", "ppc64")).isTrue();
    }
}
