package dev.vireo.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.DomainChange;
import dev.vireo.libvirt.DomainDefinition;
import dev.vireo.libvirt.DomainState;
import dev.vireo.libvirt.DomainSummary;
import dev.vireo.libvirt.Units;
import dev.vireo.libvirt.VireoMetadata;
import dev.vireo.template.TemplateRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VmChangesTest {

    private static final long HOST_MEMORY_MIB = 8192;
    private static final Clock NEW_YEAR = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** A VM with 512 MiB of 1024 MiB, 2 of 4 vCPUs, no topology, a VNC display. */
    private static final DomainSummary CURRENT = new DomainSummary(
            new DomainDefinition("kvm", "web-01", "0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b", "", "",
                    1024 * Units.MIB, 512 * Units.MIB, 1024 * Units.MIB, 4, 2, null, "x86_64",
                    List.of("hd"), false,
                    new DomainDefinition.Graphics("vnc", "127.0.0.1", null, "old", "1970-01-01T00:00:00"),
                    List.of("vda"), List.of(), List.of(), VireoMetadata.NONE),
            DomainState.SHUTOFF, false, true);

    /** A {@link VmUpdateRequest} with every field absent unless set. */
    private static final class Request {
        private String name;
        private List<String> users;
        private List<String> groups;
        private TemplateRequest.Memory memory;
        private VmUpdateRequest.Graphics graphics;
        private TemplateRequest.CpuInfo cpuInfo;
        private List<String> bootorder;
        private Boolean bootmenu;
        private String description;
        private String title;

        Request name(String value) {
            name = value;
            return this;
        }

        Request users(List<String> values) {
            users = values;
            return this;
        }

        Request groups(List<String> values) {
            groups = values;
            return this;
        }

        Request memory(Integer current, Integer maxmemory) {
            memory = new TemplateRequest.Memory(current, maxmemory);
            return this;
        }

        Request graphics(String type, String passwd, Integer passwdValidTo) {
            graphics = new VmUpdateRequest.Graphics(type, passwd, passwdValidTo);
            return this;
        }

        Request cpu(Integer vcpus, Integer maxvcpus, TemplateRequest.Topology topology) {
            cpuInfo = new TemplateRequest.CpuInfo(vcpus, maxvcpus, topology);
            return this;
        }

        Request bootorder(List<String> devices) {
            bootorder = devices;
            return this;
        }

        Request bootmenu(boolean enabled) {
            bootmenu = enabled;
            return this;
        }

        Request title(String value) {
            title = value;
            return this;
        }

        Request description(String value) {
            description = value;
            return this;
        }

        VmUpdateRequest build() {
            return new VmUpdateRequest(name, users, groups, memory, graphics, cpuInfo, bootorder, bootmenu,
                    description, title, null);
        }
    }

    private static DomainChange changeFor(Request request) {
        return VmChanges.of(CURRENT, request.build(), HOST_MEMORY_MIB, NEW_YEAR);
    }

    private static VireoException refusal(Request request) {
        VireoException refused = catchThrowableOfType(VireoException.class, () -> changeFor(request));
        assertThat(refused).as("the request is refused").isNotNull();
        return refused;
    }

    @Test
    void emptyRequestChangesNothing() {
        assertThat(changeFor(new Request())).isEqualTo(new DomainChange(null, null, null, null, null, null, null,
                false, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void newNameIsPassedOn() {
        assertThat(changeFor(new Request().name("web-02")).name()).isEqualTo("web-02");
    }

    @Test
    void invalidNameIsRefused() {
        VireoException refused = refusal(new Request().name("../web"));

        assertThat(refused.code()).isEqualTo("NAME0001E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void currentMemoryWithinTheMaximumChangesOnlyTheCurrentSize() {
        DomainChange change = changeFor(new Request().memory(768, null));

        assertThat(change.memoryMib()).isEqualTo(768);
        assertThat(change.maxMemoryMib()).isNull();
    }

    @Test
    void currentMemoryAboveTheOldMaximumRaisesTheMaximum() {
        DomainChange change = changeFor(new Request().memory(2048, null));

        assertThat(change.memoryMib()).isEqualTo(2048);
        assertThat(change.maxMemoryMib()).isEqualTo(2048);
    }

    @Test
    void maximumAloneChangesOnlyTheMaximum() {
        DomainChange change = changeFor(new Request().memory(null, 4096));

        assertThat(change.memoryMib()).isNull();
        assertThat(change.maxMemoryMib()).isEqualTo(4096);
    }

    @Test
    void unchangedMemoryGivesNulls() {
        DomainChange change = changeFor(new Request().memory(512, 1024));

        assertThat(change.memoryMib()).isNull();
        assertThat(change.maxMemoryMib()).isNull();
    }

    @Test
    void memoryWithNeitherCurrentNorMaximumIsRefused() {
        VireoException refused = refusal(new Request().memory(null, null));

        assertThat(refused.code()).isEqualTo("TMPL0007E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void memoryBelowSixteenMibIsRefused() {
        VireoException refused = refusal(new Request().memory(15, null));

        assertThat(refused.code()).isEqualTo("TMPL0007E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void sixteenMibIsEnough() {
        assertThat(changeFor(new Request().memory(16, null)).memoryMib()).isEqualTo(16);
    }

    @Test
    void maximumBelowCurrentIsRefused() {
        VireoException refused = refusal(new Request().memory(1024, 768));

        assertThat(refused.code()).isEqualTo("TMPL0007E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void maximumBelowTheUnchangedCurrentIsRefused() {
        VireoException refused = refusal(new Request().memory(null, 256));

        assertThat(refused.code()).isEqualTo("TMPL0007E");
    }

    @Test
    void maximumAboveTheHostsMemoryIsRefused() {
        VireoException refused = refusal(new Request().memory(null, 8193));

        assertThat(refused.code()).isEqualTo("TMPL0007E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void currentRaisedAboveTheHostsMemoryIsRefused() {
        VireoException refused = refusal(new Request().memory(9000, null));

        assertThat(refused.code()).isEqualTo("TMPL0007E");
    }

    @Test
    void maximumEqualToTheHostsMemoryIsAccepted() {
        assertThat(changeFor(new Request().memory(null, 8192)).maxMemoryMib()).isEqualTo(8192);
    }

    @Test
    void unchangedCpuInfoGivesNullsAndNoTopology() {
        DomainChange change = changeFor(new Request().cpu(2, 4, null));

        assertThat(change.vcpus()).isNull();
        assertThat(change.maxVcpus()).isNull();
        assertThat(change.topologyGiven()).isFalse();
        assertThat(change.topology()).isNull();
    }

    @Test
    void changedVcpusArePassedOn() {
        DomainChange change = changeFor(new Request().cpu(3, 8, null));

        assertThat(change.vcpus()).isEqualTo(3);
        assertThat(change.maxVcpus()).isEqualTo(8);
        assertThat(change.topologyGiven()).isFalse();
    }

    @Test
    void newTopologyIsGiven() {
        DomainChange change = changeFor(new Request().cpu(2, null, new TemplateRequest.Topology(2, 2, 1)));

        assertThat(change.topologyGiven()).isTrue();
        assertThat(change.topology()).isEqualTo(new DomainDefinition.Topology(2, 2, 1));
        assertThat(change.vcpus()).isNull();
        assertThat(change.maxVcpus()).isNull();
    }

    @Test
    void cpuInfoBreakingTheCpuRulesIsRefused() {
        VireoException refused = refusal(new Request().cpu(5, 4, null));

        assertThat(refused.code()).isEqualTo("TMPL0006E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void passwordWithLifetimeExpiresThatManySecondsFromNow() {
        DomainChange change = changeFor(new Request().graphics(null, "s3cret", 600));

        assertThat(change.passwd()).isEqualTo("s3cret");
        assertThat(change.passwdValidTo()).isEqualTo("2026-01-01T00:10:00");
        assertThat(change.graphicsType()).isNull();
    }

    @Test
    void passwordWithoutLifetimeExpiresInThirtySeconds() {
        DomainChange change = changeFor(new Request().graphics(null, "s3cret", null));

        assertThat(change.passwdValidTo()).isEqualTo("2026-01-01T00:00:30");
    }

    @Test
    void emptyGraphicsGiveARandomEightCharacterPasswordForThirtySeconds() {
        DomainChange change = changeFor(new Request().graphics(null, null, null));

        assertThat(change.passwd()).hasSize(8).matches("[A-Za-z0-9]{8}");
        assertThat(change.passwdValidTo()).isEqualTo("2026-01-01T00:00:30");
        assertThat(change.graphicsType()).isNull();
    }

    @Test
    void randomPasswordsDiffer() {
        List<String> passwords = IntStream.range(0, 5)
                .mapToObj(i -> changeFor(new Request().graphics(null, null, null)).passwd())
                .toList();

        assertThat(passwords).doesNotHaveDuplicates();
    }

    @Test
    void typeAloneChangesNoPassword() {
        DomainChange change = changeFor(new Request().graphics("spice", null, null));

        assertThat(change.graphicsType()).isEqualTo("spice");
        assertThat(change.passwd()).isNull();
        assertThat(change.passwdValidTo()).isNull();
    }

    @Test
    void typeIsLowerCased() {
        assertThat(changeFor(new Request().graphics("VNC", null, null)).graphicsType()).isEqualTo("vnc");
    }

    @Test
    void typeWithPasswordChangesBoth() {
        DomainChange change = changeFor(new Request().graphics("spice", "s3cret", 60));

        assertThat(change.graphicsType()).isEqualTo("spice");
        assertThat(change.passwd()).isEqualTo("s3cret");
        assertThat(change.passwdValidTo()).isEqualTo("2026-01-01T00:01:00");
    }

    @Test
    void rdpIsRefused() {
        VireoException refused = refusal(new Request().graphics("rdp", null, null));

        assertThat(refused.code()).isEqualTo("TMPL0009E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void zeroLifetimeIsRefused() {
        VireoException refused = refusal(new Request().graphics(null, "s3cret", 0));

        assertThat(refused.code()).isEqualTo("TMPL0009E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void negativeLifetimeIsRefused() {
        assertThat(refusal(new Request().graphics(null, null, -5)).code()).isEqualTo("TMPL0009E");
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThat(refusal(new Request().graphics(null, "", 60)).code()).isEqualTo("TMPL0009E");
    }

    @Test
    void passwordLongerThanSixtyFourCharactersIsRefused() {
        assertThat(refusal(new Request().graphics(null, "p".repeat(65), 60)).code()).isEqualTo("TMPL0009E");
    }

    @Test
    void passwordWithAControlCharacterIsRefused() {
        assertThat(refusal(new Request().graphics(null, "pass\nword", 60)).code()).isEqualTo("TMPL0009E");
    }

    @Test
    void bootOrderIsPassedOn() {
        assertThat(changeFor(new Request().bootorder(List.of("cdrom", "hd"))).bootOrder())
                .containsExactly("cdrom", "hd");
    }

    @Test
    void unknownBootDeviceIsRefused() {
        VireoException refused = refusal(new Request().bootorder(List.of("hd", "usb")));

        assertThat(refused.code()).isEqualTo("API0002E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void duplicateBootDeviceIsRefused() {
        assertThat(refusal(new Request().bootorder(List.of("hd", "cdrom", "hd"))).code()).isEqualTo("API0002E");
    }

    @Test
    void emptyBootOrderIsRefused() {
        assertThat(refusal(new Request().bootorder(List.of())).code()).isEqualTo("API0002E");
    }

    @Test
    void bootMenuIsPassedOn() {
        assertThat(changeFor(new Request().bootmenu(true)).bootMenu()).isTrue();
    }

    @Test
    void usersAndGroupsArePassedOn() {
        DomainChange change = changeFor(new Request().users(List.of("alice", "bob")).groups(List.of("ops")));

        assertThat(change.users()).containsExactly("alice", "bob");
        assertThat(change.groups()).containsExactly("ops");
    }

    @Test
    void emptyUserListIsPassedOnToRemoveEveryUser() {
        assertThat(changeFor(new Request().users(List.of())).users()).isEmpty();
    }

    @Test
    void invalidUserNameIsRefused() {
        VireoException refused = refusal(new Request().users(List.of("alice", "eve\"/>")));

        assertThat(refused.code()).isEqualTo("NAME0001E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void invalidGroupNameIsRefused() {
        assertThat(refusal(new Request().groups(List.of("web team"))).code()).isEqualTo("NAME0001E");
    }

    @Test
    void duplicateUserIsRefused() {
        VireoException refused = refusal(new Request().users(List.of("alice", "alice")));

        assertThat(refused.code()).isEqualTo("API0002E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void duplicateGroupIsRefused() {
        assertThat(refusal(new Request().groups(List.of("ops", "ops"))).code()).isEqualTo("API0002E");
    }

    @Test
    void titleAndDescriptionArePassedOn() {
        DomainChange change = changeFor(new Request().title("Shop").description(""));

        assertThat(change.title()).isEqualTo("Shop");
        assertThat(change.description()).isEmpty();
    }

    @Test
    void titleOfFourThousandCharactersIsAccepted() {
        assertThat(changeFor(new Request().title("t".repeat(4000))).title()).hasSize(4000);
    }

    @Test
    void titleLongerThanFourThousandCharactersIsRefused() {
        VireoException refused = refusal(new Request().title("t".repeat(4001)));

        assertThat(refused.code()).isEqualTo("API0002E");
        assertThat(refused.status()).isEqualTo(400);
    }

    @Test
    void descriptionLongerThanFourThousandCharactersIsRefused() {
        assertThat(refusal(new Request().description("d".repeat(4001))).code()).isEqualTo("API0002E");
    }

    @Test
    void aPasswordForAVmWithoutDisplayIsRefused() {
        DomainDefinition headless = new DomainDefinition("kvm", "batch", "u", "", "", Units.GIB, Units.GIB, Units.GIB,
                1, 1, null, "x86_64", List.of("hd"), false, null, List.of(), List.of(), List.of(), VireoMetadata.NONE);
        DomainSummary vm = new DomainSummary(headless, DomainState.SHUTOFF, false, true);
        VireoException refused = catchThrowableOfType(VireoException.class, () ->
                VmChanges.of(vm, new Request().graphics(null, "secret", null).build(), HOST_MEMORY_MIB, NEW_YEAR));
        assertThat(refused.code()).isEqualTo("TMPL0009E");
        assertThat(refused.reason()).contains("batch").contains("no display");
    }
}
