package dev.vireo.template;

import static dev.vireo.template.InMemoryHostFacts.BASE_QCOW2;
import static dev.vireo.template.InMemoryHostFacts.FEDORA_ISO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.VireoException;
import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import dev.vireo.template.TemplateRequest.CpuInfo;
import dev.vireo.template.TemplateRequest.Disk;
import dev.vireo.template.TemplateRequest.Graphics;
import dev.vireo.template.TemplateRequest.Memory;
import dev.vireo.template.TemplateRequest.Pool;
import dev.vireo.template.TemplateRequest.SourceMedia;
import dev.vireo.template.TemplateRequest.Topology;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's template rules, checked against a fixed in-memory host. */
class TemplateRulesTest {

    private static final SourceMedia NETBOOT = new SourceMedia("netboot", null);
    private static final TemplateDisk DEFAULT_DISK = new TemplateDisk(0, 10, null, "qcow2", "default");

    private final InMemoryHostFacts host = InMemoryHostFacts.standard();
    private final TemplateRules rules = new TemplateRules(host, "default");

    // ---------------------------------------------------------------- create: defaults

    @Test
    void createWithOnlyNameAndNetbootFillsInEveryDefault() {
        TemplateSettings settings = rules.create(create().build());

        assertThat(settings).isEqualTo(new TemplateSettings(
                List.of(), null, "unknown", "unknown",
                2048, 2048,
                null,
                List.of("default"),
                List.of(DEFAULT_DISK),
                new TemplateSettings.Graphics("vnc", "127.0.0.1"),
                1, 1, null));
    }

    @Test
    void createPutsTheDefaultDiskInThePoolGivenToTheRules() {
        TemplateSettings settings = new TemplateRules(host, "images").create(create().build());

        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, 10, null, "qcow2", "images"));
    }

    @Test
    void createAcceptsTheDefaultPoolAsAPoolUri() {
        TemplateSettings settings = new TemplateRules(host, "/plugins/kimchi/storagepools/images")
                .create(create().build());

        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, 10, null, "qcow2", "images"));
    }

    // ---------------------------------------------------------------- create: source media

    @Test
    void createWithoutSourceMediaIsRefusedAsAMissingField() {
        assertRefused(() -> rules.create(create().sourceMedia(null).build()), "API0010E", 400, "source_media");
    }

    @Test
    void createWithAnUnknownMediaTypeIsRefused() {
        assertRefused(() -> rules.create(create().sourceMedia(new SourceMedia("usb", null)).build()),
                "TMPL0010E", 400, "'usb'");
    }

    @Test
    void createWithNetbootAndAPathIsRefused() {
        assertRefused(() -> rules.create(create().sourceMedia(new SourceMedia("netboot", FEDORA_ISO)).build()),
                "TMPL0010E", 400, "netboot");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void createWithADiskSourceWithoutPathIsRefused(String path) {
        assertRefused(() -> rules.create(create().sourceMedia(new SourceMedia("disk", path)).build()),
                "TMPL0010E", 400, "path");
    }

    @Test
    void createWithADiskSourceWithNullPathIsRefused() {
        assertRefused(() -> rules.create(create().sourceMedia(new SourceMedia("disk", null)).build()),
                "TMPL0010E", 400, "path");
    }

    @Test
    void createFromAnIsoVolumeMakesItTheCdromAndGivesADefaultDisk() {
        TemplateSettings settings = rules.create(create().disk(FEDORA_ISO).build());

        assertThat(settings.cdrom()).isEqualTo(FEDORA_ISO);
        assertThat(settings.disks()).containsExactly(DEFAULT_DISK);
    }

    @Test
    void createFromADiskImageVolumeCopiesItIntoTheFirstDisk() {
        TemplateSettings settings = rules.create(create().disk(BASE_QCOW2).build());

        assertThat(settings.cdrom()).isNull();
        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, null, "base.qcow2", "qcow2", "default"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedora.iso", "var/lib/libvirt/images/fedora.iso", "/a/../b",
            "/var/lib/libvirt/images/../../../etc/shadow", "/var/lib/libvirt/images/.."})
    void createFromARelativeOrClimbingPathIsRefused(String path) {
        assertRefused(() -> rules.create(create().disk(path).build()), "TMPL0010E", 400, "'" + path + "'");
    }

    @Test
    void createFromAnAbsolutePathWithoutVolumeIsRefused() {
        String path = "/var/lib/libvirt/images/missing.iso";

        assertRefused(() -> rules.create(create().disk(path).build()), "TMPL0010E", 400, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/fedora.iso", "https://example.com/isos/fedora.iso"})
    void createFromAnHttpUrlMakesItTheCdrom(String url) {
        TemplateSettings settings = rules.create(create().disk(url).build());

        assertThat(settings.cdrom()).isEqualTo(url);
        assertThat(settings.disks()).containsExactly(DEFAULT_DISK);
    }

    @Test
    void createFromAFileUrlIsRefused() {
        assertRefused(() -> rules.create(create().disk("file:///x.iso").build()), "TMPL0010E", 400,
                "'file:///x.iso'");
    }

    @Test
    void createWithACdromThatIsNotAnIsoIsRefused() {
        assertRefused(() -> rules.create(create().cdrom(BASE_QCOW2).build()), "TMPL0010E", 400, BASE_QCOW2, "qcow2");
    }

    // ---------------------------------------------------------------- memory

    @Test
    void memoryWithOnlyCurrentUsesItAsMaximum() {
        TemplateSettings settings = rules.create(create().memory(512, null).build());

        assertThat(settings.memoryMib()).isEqualTo(512);
        assertThat(settings.maxMemoryMib()).isEqualTo(512);
    }

    @Test
    void memoryWithOnlyAMaximumAboveTheDefaultGivesTheDefaultCurrent() {
        TemplateSettings settings = rules.create(create().memory(null, 3072).build());

        assertThat(settings.memoryMib()).isEqualTo(2048);
        assertThat(settings.maxMemoryMib()).isEqualTo(3072);
    }

    @Test
    void theDefaultMemoryIsTheHostsWhenItHasLessThanKimchisDefault() {
        InMemoryHostFacts small = new InMemoryHostFacts(host.networks(), host.pools(), 1536, host.volumesByPath());
        TemplateSettings settings = new TemplateRules(small, "default").create(create().build());

        assertThat(settings.memoryMib()).isEqualTo(1536);
        assertThat(settings.maxMemoryMib()).isEqualTo(1536);
    }

    @Test
    void memoryWithOnlyAMaximumBelowTheDefaultGivesThatMaximumAsCurrent() {
        TemplateSettings settings = rules.create(create().memory(null, 512).build());

        assertThat(settings.memoryMib()).isEqualTo(512);
        assertThat(settings.maxMemoryMib()).isEqualTo(512);
    }

    @Test
    void memoryOfSixteenMibIsTheLeastAccepted() {
        TemplateSettings settings = rules.create(create().memory(16, null).build());

        assertThat(settings.memoryMib()).isEqualTo(16);
    }

    @Test
    void memoryBelowSixteenMibIsRefused() {
        assertRefused(() -> rules.create(create().memory(15, null).build()), "TMPL0007E", 400, "15 MiB");
    }

    @Test
    void memoryMaximumBelowCurrentIsRefused() {
        assertRefused(() -> rules.create(create().memory(1024, 512).build()), "TMPL0007E", 400,
                "maxmemory (512 MiB)", "current (1024 MiB)");
    }

    @Test
    void memoryMaximumEqualToTheHostMemoryIsAccepted() {
        TemplateSettings settings = rules.create(create().memory(1024, 4096).build());

        assertThat(settings.maxMemoryMib()).isEqualTo(4096);
    }

    @Test
    void memoryMaximumAboveTheHostMemoryIsRefused() {
        assertRefused(() -> rules.create(create().memory(1024, 4097).build()), "TMPL0007E", 400, "4097", "4096");
    }

    @Test
    void memoryWithNeitherCurrentNorMaximumIsRefused() {
        assertRefused(() -> rules.create(create().memory(null, null).build()), "TMPL0007E", 400, "maxmemory");
    }

    // ---------------------------------------------------------------- cpu_info

    @Test
    void cpuTopologyAloneGivesItsProductAsMaxvcpusAndVcpus() {
        TemplateSettings settings = rules.create(create().cpu(null, null, new Topology(2, 2, 2)).build());

        assertThat(settings.maxVcpus()).isEqualTo(8);
        assertThat(settings.vcpus()).isEqualTo(8);
        assertThat(settings.topology()).isEqualTo(new TemplateSettings.Topology(2, 2, 2));
    }

    @Test
    void cpuVcpusThatAreAMultipleOfCoresTimesThreadsAreAccepted() {
        TemplateSettings settings = rules.create(create().cpu(2, null, new Topology(2, 2, 1)).build());

        assertThat(settings.vcpus()).isEqualTo(2);
        assertThat(settings.maxVcpus()).isEqualTo(4);
        assertThat(settings.topology()).isEqualTo(new TemplateSettings.Topology(2, 2, 1));
    }

    @Test
    void cpuVcpusThatAreNotAMultipleOfCoresTimesThreadsAreRefused() {
        assertRefused(() -> rules.create(create().cpu(3, null, new Topology(2, 2, 1)).build()),
                "TMPL0006E", 400, "vcpus (3)", "cores × threads (2)");
    }

    @Test
    void cpuVcpusAboveTheTopologyMaximumAreRefused() {
        assertRefused(() -> rules.create(create().cpu(6, null, new Topology(2, 2, 1)).build()),
                "TMPL0006E", 400, "vcpus (6)", "maxvcpus (4)");
    }

    @Test
    void cpuMaxvcpusOtherThanTheTopologyProductAreRefused() {
        assertRefused(() -> rules.create(create().cpu(null, 6, new Topology(2, 2, 1)).build()),
                "TMPL0006E", 400, "maxvcpus (6)", "(4)");
    }

    @Test
    void cpuMaxvcpusEqualToTheTopologyProductAreAccepted() {
        TemplateSettings settings = rules.create(create().cpu(null, 4, new Topology(2, 2, 1)).build());

        assertThat(settings.maxVcpus()).isEqualTo(4);
        assertThat(settings.vcpus()).isEqualTo(4);
    }

    @ParameterizedTest
    @CsvSource({", 2, 1", "2, , 1", "2, 2, "})
    void cpuTopologyMissingAPartIsRefused(Integer sockets, Integer cores, Integer threads) {
        assertRefused(() -> rules.create(create().cpu(null, null, new Topology(sockets, cores, threads)).build()),
                "TMPL0006E", 400, "sockets, cores and threads");
    }

    @ParameterizedTest
    @CsvSource({"0, 2, 1", "2, 0, 1", "2, 2, 0", "-1, 2, 1"})
    void cpuTopologyWithAPartBelowOneIsRefused(int sockets, int cores, int threads) {
        // the reason names the three parts and the bound, not the offending number
        assertRefused(() -> rules.create(create().cpu(null, null, new Topology(sockets, cores, threads)).build()),
                "TMPL0006E", 400, "sockets, cores and threads", "at least 1");
    }

    @Test
    void cpuVcpusWithoutTopologyAreAlsoTheMaximum() {
        TemplateSettings settings = rules.create(create().cpu(2, null, null).build());

        assertThat(settings.vcpus()).isEqualTo(2);
        assertThat(settings.maxVcpus()).isEqualTo(2);
        assertThat(settings.topology()).isNull();
    }

    @Test
    void cpuVcpusAboveMaxvcpusWithoutTopologyAreRefused() {
        assertRefused(() -> rules.create(create().cpu(4, 2, null).build()), "TMPL0006E", 400,
                "vcpus (4)", "maxvcpus (2)");
    }

    @Test
    void cpuZeroVcpusAreRefused() {
        // the reason names the fields and the range, not the offending 0
        assertRefused(() -> rules.create(create().cpu(0, null, null).build()), "TMPL0006E", 400,
                "vcpus", "between 1 and 4096");
    }

    // ---------------------------------------------------------------- networks

    @Test
    void networksOfTheHostAreKeptInOrder() {
        TemplateSettings settings = rules.create(create().networks("isolated", "default").build());

        assertThat(settings.networks()).containsExactly("isolated", "default");
    }

    @Test
    void networkUnknownToTheHostIsRefused() {
        assertRefused(() -> rules.create(create().networks("default", "nope").build()), "TMPL0004E", 400,
                "Network nope ");
    }

    @Test
    void networkWithAnInvalidNameIsRefused() {
        assertRefused(() -> rules.create(create().networks("bad name").build()), "NAME0001E", 400,
                "network", "'bad name'");
    }

    @Test
    void networkListedTwiceIsRefused() {
        assertRefused(() -> rules.create(create().networks("default", "default").build()), "API0002E", 400,
                "networks", "default is listed twice");
    }

    // ---------------------------------------------------------------- disks

    @Test
    void diskPoolByName() {
        TemplateSettings settings = rules.create(create().disks(new Disk(null, 20, null, "raw", new Pool("images", null)))
                .build());

        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, 20, null, "raw", "images"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/plugins/kimchi/storagepools/images", "/api/storagepools/images"})
    void diskPoolByUri(String uri) {
        TemplateSettings settings = rules.create(create().disks(new Disk(null, 20, null, null, new Pool(uri, "dir")))
                .build());

        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, 20, null, "qcow2", "images"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scsi", "iscsi"})
    void aDiskInAPoolOfLunsMustNameOneOfItsVolumes(String type) {
        java.util.Map<String, dev.vireo.libvirt.PoolSummary> pools = new java.util.HashMap<>(host.pools());
        pools.put("luns", new dev.vireo.libvirt.PoolSummary("luns", type, true, "/dev/disk/by-path", 0, 0, 0, 1, false,
                true, dev.vireo.libvirt.PoolSource.NONE));
        TemplateRules lunRules = new TemplateRules(new InMemoryHostFacts(host.networks(), pools, 4096,
                host.volumesByPath()), "default");

        assertRefused(() -> lunRules.create(create().disks(new Disk(null, 1, null, null, new Pool("luns", type))).build()),
                "TMPL0008E", 400, "luns", "volume");
    }

    @Test
    void diskWithoutPoolGoesToTheDefaultPoolWithTheDefaultSizeAndFormat() {
        TemplateSettings settings = rules.create(create().disks(new Disk(null, null, null, null, null)).build());

        assertThat(settings.disks()).containsExactly(DEFAULT_DISK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "/plugins/kimchi/storagepools/nope", "/api/storagepools/nope"})
    void diskInAnUnknownPoolIsRefused(String pool) {
        assertRefused(() -> rules.create(create().disks(new Disk(null, 20, null, null, new Pool(pool, null))).build()),
                "TMPL0005E", 400, "Storage pool nope ");
    }

    @Test
    void diskIndexDefaultsToItsPositionInTheList() {
        TemplateSettings settings = rules.create(create().disks(
                new Disk(null, 20, null, null, null),
                new Disk(null, 30, null, null, new Pool("images", null)),
                new Disk(7, 40, null, null, null)).build());

        assertThat(settings.disks()).containsExactly(
                new TemplateDisk(0, 20, null, "qcow2", "default"),
                new TemplateDisk(1, 30, null, "qcow2", "images"),
                new TemplateDisk(7, 40, null, "qcow2", "default"));
    }

    @Test
    void diskIndexGivenTwiceIsRefused() {
        assertRefused(() -> rules.create(create().disks(
                new Disk(1, 20, null, null, null),
                new Disk(1, 30, null, null, null)).build()), "TMPL0008E", 400, "disk 1", "distinct");
    }

    @Test
    void diskIndexEqualToTheDefaultIndexOfAnotherDiskIsRefused() {
        assertRefused(() -> rules.create(create().disks(
                new Disk(1, 20, null, null, null),
                new Disk(null, 30, null, null, null)).build()), "TMPL0008E", 400, "disk 1", "distinct");
    }

    @Test
    void diskNegativeIndexIsRefused() {
        assertRefused(() -> rules.create(create().disks(new Disk(-1, 20, null, null, null)).build()),
                "TMPL0008E", 400, "disk -1");
    }

    @Test
    void diskFormatOutsideTheSeedsListIsRefused() {
        assertRefused(() -> rules.create(create().disks(new Disk(null, 20, null, "vdi", null)).build()),
                "TMPL0008E", 400, "'vdi'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qcow", "qcow2", "qed", "raw", "vmdk", "vpc"})
    void diskFormatsOfTheSeedAreAccepted(String format) {
        TemplateSettings settings = rules.create(create().disks(new Disk(null, 20, null, format, null)).build());

        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, 20, null, format, "default"));
    }

    @Test
    void diskOfSizeZeroIsRefused() {
        assertRefused(() -> rules.create(create().disks(new Disk(null, 0, null, null, null)).build()),
                "TMPL0008E", 400, "not 0");
    }

    @Test
    void diskFromAnExistingVolumeHasNoSize() {
        TemplateSettings settings = rules.create(create().disks(
                new Disk(null, null, "base.qcow2", null, new Pool("default", null))).build());

        assertThat(settings.disks()).containsExactly(new TemplateDisk(0, null, "base.qcow2", "qcow2", "default"));
    }

    @Test
    void diskFromAVolumeThePoolDoesNotHoldIsRefused() {
        assertRefused(() -> rules.create(create().disks(
                new Disk(null, null, "nope.qcow2", null, new Pool("default", null))).build()),
                "TMPL0008E", 400, "nope.qcow2", "default");
    }

    @Test
    void diskFromAVolumeOfAnotherPoolIsRefused() {
        assertRefused(() -> rules.create(create().disks(
                new Disk(null, null, "base.qcow2", null, new Pool("images", null))).build()),
                "TMPL0008E", 400, "base.qcow2", "images");
    }

    @Test
    void diskFromAVolumeWithAnInvalidNameIsRefused() {
        assertRefused(() -> rules.create(create().disks(
                new Disk(null, null, "../base.qcow2", null, null)).build()),
                "NAME0001E", 400, "'../base.qcow2'");
    }

    @Test
    void diskListThatIsEmptyIsRefused() {
        assertRefused(() -> rules.create(create().disks().build()), "TMPL0008E", 400, "at least one disk");
    }

    // ---------------------------------------------------------------- graphics

    @Test
    void graphicsSpiceIsAcceptedAndListensOnLoopbackByDefault() {
        TemplateSettings settings = rules.create(create().graphics("spice", null).build());

        assertThat(settings.graphics()).isEqualTo(new TemplateSettings.Graphics("spice", "127.0.0.1"));
    }

    @Test
    void graphicsTypeIsStoredInLowerCase() {
        TemplateSettings settings = rules.create(create().graphics("VNC", null).build());

        assertThat(settings.graphics()).isEqualTo(new TemplateSettings.Graphics("vnc", "127.0.0.1"));
    }

    @Test
    void graphicsOfTypeNullMeansNoGraphics() {
        TemplateSettings settings = rules.create(create().graphics(null, "0.0.0.0").build());

        assertThat(settings.graphics()).isNull();
    }

    @Test
    void graphicsOfAnUnknownTypeIsRefused() {
        assertRefused(() -> rules.create(create().graphics("rdp", null).build()), "TMPL0009E", 400, "'rdp'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.168.122.1", "::1", "::", "fe80::1"})
    void graphicsListeningOnAnIpAddressIsAccepted(String listen) {
        TemplateSettings settings = rules.create(create().graphics("vnc", listen).build());

        assertThat(settings.graphics()).isEqualTo(new TemplateSettings.Graphics("vnc", listen));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "1.2.3", "example.com", "1.2.3.4.5", ":::::", "", " 1.2.3.4",
            "999.1.1.1", "256.1.1.1", "010.1.1.1"})
    void graphicsListeningOnSomethingOtherThanAnIpAddressIsRefused(String listen) {
        assertRefused(() -> rules.create(create().graphics("vnc", listen).build()), "TMPL0009E", 400,
                "'" + listen + "'");
    }

    // ---------------------------------------------------------------- folder, icon, os

    @Test
    void folderIconAndOsAreKept() {
        TemplateSettings settings = rules.create(create().folder("linux", "fedora").icon("/images/fedora.png")
                .os("fedora", "40").build());

        assertThat(settings.folder()).containsExactly("linux", "fedora");
        assertThat(settings.icon()).isEqualTo("/images/fedora.png");
        assertThat(settings.osDistro()).isEqualTo("fedora");
        assertThat(settings.osVersion()).isEqualTo("40");
    }

    @Test
    void folderComponentOfSixtyFourCharactersIsAccepted() {
        String component = "f".repeat(64);

        assertThat(rules.create(create().folder(component).build()).folder()).containsExactly(component);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "/", "", "   "})
    void folderComponentWithASlashOrBlankIsRefused(String component) {
        assertRefused(() -> rules.create(create().folder("linux", component).build()), "API0002E", 400,
                "folder", "'" + component + "'");
    }

    @Test
    void folderComponentOfSixtyFiveCharactersIsRefused() {
        String component = "f".repeat(65);

        assertRefused(() -> rules.create(create().folder(component).build()), "API0002E", 400,
                "folder", "'" + component + "'");
    }

    @Test
    void iconWithASpaceIsRefused() {
        // the reason names the field, not the (possibly 1000 characters long) value
        assertRefused(() -> rules.create(create().icon("/images/my icon.png").build()), "API0002E", 400, "icon");
    }

    @Test
    void osDistroWithAnAngleBracketIsRefused() {
        assertRefused(() -> rules.create(create().os("<fedora>", null).build()), "API0002E", 400,
                "os_distro", "'<fedora>'");
    }

    @Test
    void osVersionWithAnAngleBracketIsRefused() {
        assertRefused(() -> rules.create(create().os(null, "40<").build()), "API0002E", 400, "os_version", "'40<'");
    }

    // ---------------------------------------------------------------- update

    /** A stored template whose network has since vanished from the host. */
    private static final TemplateSettings CURRENT = new TemplateSettings(
            List.of("linux"), "/images/old.png", "fedora", "40",
            1024, 2048,
            FEDORA_ISO,
            List.of("gone"),
            List.of(new TemplateDisk(0, 10, null, "qcow2", "default")),
            new TemplateSettings.Graphics("vnc", "127.0.0.1"),
            2, 2, null);

    @Test
    void updateWithNothingKeepsEverything() {
        assertThat(rules.update(CURRENT, change().build())).isEqualTo(CURRENT);
    }

    @Test
    void updateOfTheIconChangesOnlyTheIconAndKeepsAVanishedNetwork() {
        TemplateSettings updated = rules.update(CURRENT, change().icon("/images/new.png").build());

        assertThat(updated).isEqualTo(new TemplateSettings(
                List.of("linux"), "/images/new.png", "fedora", "40",
                1024, 2048,
                FEDORA_ISO,
                List.of("gone"),
                List.of(new TemplateDisk(0, 10, null, "qcow2", "default")),
                new TemplateSettings.Graphics("vnc", "127.0.0.1"),
                2, 2, null));
    }

    @Test
    void updateOfCurrentMemoryAboveTheOldMaximumRaisesTheMaximum() {
        TemplateSettings updated = rules.update(CURRENT, change().memory(3072, null).build());

        assertThat(updated.memoryMib()).isEqualTo(3072);
        assertThat(updated.maxMemoryMib()).isEqualTo(3072);
    }

    @Test
    void updateOfCurrentMemoryBelowTheOldMaximumKeepsTheMaximum() {
        TemplateSettings updated = rules.update(CURRENT, change().memory(512, null).build());

        assertThat(updated.memoryMib()).isEqualTo(512);
        assertThat(updated.maxMemoryMib()).isEqualTo(2048);
    }

    @Test
    void updateOfTheMaximumMemoryOnlyKeepsCurrent() {
        TemplateSettings updated = rules.update(CURRENT, change().memory(null, 4096).build());

        assertThat(updated.memoryMib()).isEqualTo(1024);
        assertThat(updated.maxMemoryMib()).isEqualTo(4096);
    }

    @Test
    void updateOfTheMaximumMemoryBelowCurrentIsRefused() {
        assertRefused(() -> rules.update(CURRENT, change().memory(null, 512).build()), "TMPL0007E", 400,
                "maxmemory (512 MiB)", "current (1024 MiB)");
    }

    @Test
    void updateOfCpuInfoReplacesItWhole() {
        TemplateSettings updated = rules.update(CURRENT, change().cpu(null, null, new Topology(1, 2, 2)).build());

        assertThat(updated.vcpus()).isEqualTo(4);
        assertThat(updated.maxVcpus()).isEqualTo(4);
        assertThat(updated.topology()).isEqualTo(new TemplateSettings.Topology(1, 2, 2));
        assertThat(updated.memoryMib()).isEqualTo(1024);
        assertThat(updated.networks()).containsExactly("gone");
    }

    @Test
    void updateOfCpuInfoIsValidated() {
        assertRefused(() -> rules.update(CURRENT, change().cpu(3, null, new Topology(2, 2, 1)).build()),
                "TMPL0006E", 400, "vcpus (3)");
    }

    @Test
    void updateWithSourceMediaIsRefused() {
        assertRefused(() -> rules.update(CURRENT, change().sourceMedia(NETBOOT).build()), "TMPL0010E", 400,
                "source_media");
    }

    @Test
    void updateOfNetworksValidatesThem() {
        assertRefused(() -> rules.update(CURRENT, change().networks("gone").build()), "TMPL0004E", 400,
                "Network gone ");
    }

    @Test
    void updateOfNetworksToExistingOnesReplacesThem() {
        TemplateSettings updated = rules.update(CURRENT, change().networks("isolated").build());

        assertThat(updated.networks()).containsExactly("isolated");
    }

    @Test
    void updateOfGraphicsToTypeNullRemovesThem() {
        TemplateSettings updated = rules.update(CURRENT, change().graphics(null, null).build());

        assertThat(updated.graphics()).isNull();
        assertThat(updated.icon()).isEqualTo("/images/old.png");
    }

    @Test
    void updateOfDisksValidatesThem() {
        assertRefused(() -> rules.update(CURRENT, change().disks(new Disk(null, 20, null, null, new Pool("nope", null)))
                .build()), "TMPL0005E", 400, "Storage pool nope ");
    }

    @Test
    void updateOfTheCdromToADiskImageIsRefused() {
        assertRefused(() -> rules.update(CURRENT, change().cdrom(BASE_QCOW2).build()), "TMPL0010E", 400, BASE_QCOW2);
    }

    // ---------------------------------------------------------------- helpers

    private static void assertRefused(ThrowingCallable call, String code, int status, String... inReason) {
        VireoException e = catchThrowableOfType(VireoException.class, call);

        assertThat(e).as("a VireoException").isNotNull();
        assertThat(e.code()).as("code of: %s", e.reason()).isEqualTo(code);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.reason()).contains(inReason);
    }

    /** A creation request: name {@code t}, netboot, everything else absent. */
    private static RequestBuilder create() {
        return new RequestBuilder("t", NETBOOT);
    }

    /** A change request: nothing named. */
    private static RequestBuilder change() {
        return new RequestBuilder(null, null);
    }

    private static final class RequestBuilder {
        private final String name;
        private SourceMedia sourceMedia;
        private String osDistro;
        private String osVersion;
        private Memory memory;
        private List<String> networks;
        private List<Disk> disks;
        private Graphics graphics;
        private CpuInfo cpuInfo;
        private List<String> folder;
        private String icon;
        private String cdrom;

        RequestBuilder(String name, SourceMedia sourceMedia) {
            this.name = name;
            this.sourceMedia = sourceMedia;
        }

        RequestBuilder sourceMedia(SourceMedia media) {
            this.sourceMedia = media;
            return this;
        }

        RequestBuilder disk(String path) {
            return sourceMedia(new SourceMedia("disk", path));
        }

        RequestBuilder os(String distro, String version) {
            this.osDistro = distro;
            this.osVersion = version;
            return this;
        }

        RequestBuilder memory(Integer current, Integer max) {
            this.memory = new Memory(current, max);
            return this;
        }

        RequestBuilder networks(String... names) {
            this.networks = List.of(names);
            return this;
        }

        RequestBuilder disks(Disk... list) {
            this.disks = List.of(list);
            return this;
        }

        RequestBuilder graphics(String type, String listen) {
            this.graphics = new Graphics(type, listen);
            return this;
        }

        RequestBuilder cpu(Integer vcpus, Integer maxvcpus, Topology topology) {
            this.cpuInfo = new CpuInfo(vcpus, maxvcpus, topology);
            return this;
        }

        RequestBuilder folder(String... components) {
            this.folder = java.util.Arrays.asList(components);
            return this;
        }

        RequestBuilder icon(String uri) {
            this.icon = uri;
            return this;
        }

        RequestBuilder cdrom(String path) {
            this.cdrom = path;
            return this;
        }

        TemplateRequest build() {
            return new TemplateRequest(name, sourceMedia, osDistro, osVersion, memory, networks, disks, graphics,
                    cpuInfo, folder, icon, cdrom);
        }
    }
}
