package dev.vireo.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** lsblk's tree as util-linux 2.38 prints it for a server with a system disk, an LVM disk and a spare. */
class PartitionsTest {

    static final String LSBLK = """
            {
               "blockdevices": [
                  {"name":"loop0", "kname":"loop0", "path":"/dev/loop0", "type":"loop", "fstype":"squashfs", "size":67108864, "mountpoint":"/snap/core/1", "parttype":null},
                  {"name":"sda", "kname":"sda", "path":"/dev/sda", "type":"disk", "fstype":null, "size":500107862016, "mountpoint":null, "parttype":null,
                     "children": [
                        {"name":"sda1", "kname":"sda1", "path":"/dev/sda1", "type":"part", "fstype":"ext4", "size":536870912, "mountpoint":"/boot", "parttype":"0x83"},
                        {"name":"sda2", "kname":"sda2", "path":"/dev/sda2", "type":"part", "fstype":"swap", "size":8589934592, "mountpoint":"[SWAP]", "parttype":"0x82"},
                        {"name":"sda3", "kname":"sda3", "path":"/dev/sda3", "type":"part", "fstype":"LVM2_member", "size":400000000000, "mountpoint":null, "parttype":"0x8e",
                           "children": [
                              {"name":"vg0-root", "kname":"dm-0", "path":"/dev/mapper/vg0-root", "type":"lvm", "fstype":"xfs", "size":107374182400, "mountpoint":"/", "parttype":null},
                              {"name":"vg0-spare", "kname":"dm-1", "path":"/dev/mapper/vg0-spare", "type":"lvm", "fstype":null, "size":10737418240, "mountpoint":null, "parttype":null}
                           ]
                        },
                        {"name":"sda4", "kname":"sda4", "path":"/dev/sda4", "type":"part", "fstype":null, "size":1024, "mountpoint":null, "parttype":"0x5"},
                        {"name":"sda5", "kname":"sda5", "path":"/dev/sda5", "type":"part", "fstype":null, "size":20000000000, "mountpoint":null, "parttype":"0x83"},
                        {"name":"sda6", "kname":"sda6", "path":"/dev/sda6", "type":"part", "fstype":"LVM2_member", "size":30000000000, "mountpoint":null, "parttype":"0x8e"},
                        {"name":"sda7", "kname":"sda7", "path":"/dev/sda7", "type":"part", "fstype":"ext4", "size":30000000000, "mountpoint":null, "parttype":"0x83"}
                     ]
                  },
                  {"name":"sdb", "kname":"sdb", "path":"/dev/sdb", "type":"disk", "fstype":null, "size":1000204886016, "mountpoint":null, "parttype":null},
                  {"name":"sr0", "kname":"sr0", "path":"/dev/sr0", "type":"rom", "fstype":"iso9660", "size":3992977408, "mountpoint":null, "parttype":null}
               ]
            }
            """;

    private static Map<String, PartitionView> views(Set<String> pvsInVolumeGroups) {
        return Partitions.views(LsblkParser.parse(LSBLK), pvsInVolumeGroups).stream()
                .collect(Collectors.toMap(PartitionView::name, Function.identity()));
    }

    @Test
    void listsDisksPartitionsAndLogicalVolumesButNotLoopOrOpticalDevices() {
        assertThat(Partitions.views(LsblkParser.parse(LSBLK), Set.of()).stream().map(PartitionView::name))
                .containsExactly("sda", "sda1", "sda2", "sda3", "vg0-root", "vg0-spare", "sda4", "sda5", "sda6", "sda7", "sdb");
    }

    @Test
    void showsEachSeedField() {
        assertThat(views(Set.of()).get("sda1"))
                .isEqualTo(new PartitionView("sda1", "/dev/sda1", "part", "ext4", 536870912L, "/boot", false));
        assertThat(views(Set.of()).get("vg0-root"))
                .isEqualTo(new PartitionView("vg0-root", "/dev/mapper/vg0-root", "lvm", "xfs", 107374182400L, "/", false));
        assertThat(views(Set.of()).get("sdb"))
                .isEqualTo(new PartitionView("sdb", "/dev/sdb", "disk", "", 1000204886016L, "", true));
    }

    @Test
    void onlyWhatNothingUsesIsAvailable() {
        Map<String, PartitionView> views = views(Set.of("/dev/sda3"));

        assertThat(views.values().stream().filter(PartitionView::available).map(PartitionView::name))
                .containsExactlyInAnyOrder("sda5", "sda6", "sdb");
        assertThat(views.get("sda")).extracting(PartitionView::available).as("has partitions").isEqualTo(false);
        assertThat(views.get("sda2")).extracting(PartitionView::available).as("swap").isEqualTo(false);
        assertThat(views.get("sda3")).extracting(PartitionView::available).as("in a volume group").isEqualTo(false);
        assertThat(views.get("sda4")).extracting(PartitionView::available).as("extended").isEqualTo(false);
        assertThat(views.get("sda7")).extracting(PartitionView::available).as("has a file system").isEqualTo(false);
        assertThat(views.get("vg0-spare")).extracting(PartitionView::available).as("a logical volume").isEqualTo(false);
    }

    @Test
    void aPhysicalVolumeInAVolumeGroupOrOfUnknownMembershipIsNotAvailable() {
        assertThat(views(Set.of("/dev/sda3", "/dev/sda6")).get("sda6").available()).isFalse();
        assertThat(views(null).get("sda6").available()).isFalse();
    }

    @Test
    void readsOlderLsblkWithSizesAsStringsAndNoPathColumn() {
        List<BlockDevice> devices = LsblkParser.parse("""
                {"blockdevices": [{"name":"vda", "kname":"vda", "type":"disk", "fstype":null, "size":"10737418240", "mountpoint":null}]}
                """);

        assertThat(devices).containsExactly(new BlockDevice("vda", "/dev/vda", "disk", null, 10737418240L, null, null, true));
    }

    @Test
    void aDeviceUnderSeveralParentsIsListedOnce() {
        List<BlockDevice> devices = LsblkParser.parse("""
                {"blockdevices": [
                  {"name":"sdc", "path":"/dev/sdc", "type":"disk", "size":100, "children": [
                     {"name":"mpatha", "path":"/dev/mapper/mpatha", "type":"mpath", "size":100}]},
                  {"name":"sdd", "path":"/dev/sdd", "type":"disk", "size":100, "children": [
                     {"name":"mpatha", "path":"/dev/mapper/mpatha", "type":"mpath", "size":100}]}
                ]}
                """);

        assertThat(devices).extracting(BlockDevice::name).containsExactly("sdc", "mpatha", "sdd");
        assertThat(Partitions.available(devices.get(1), Set.of())).isTrue();
        assertThat(Partitions.available(devices.get(0), Set.of())).as("held by multipath").isFalse();
    }
}
