package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** This machine's block devices and LVM, read through lsblk and LVM's reporting commands. */
final class HostStorage {

    private static final Logger LOG = Logger.getLogger(HostStorage.class.getName());
    private static final String LVM_OPTIONS = "--reportformat";

    private HostStorage() {
    }

    static List<BlockDevice> blockDevices() {
        String json = HostCommand.run("the block devices", "lsblk", "--json", "--bytes", "--output", LsblkParser.COLUMNS)
                .orElseThrow(() -> new VireoException(ErrorCode.HOST_TOOL_FAILED, "the block devices",
                        "lsblk (util-linux) is not installed"));
        return LsblkParser.parse(json);
    }

    /** The volume groups; none when LVM is not installed. */
    static List<LvmParser.Vg> volumeGroups() {
        return HostCommand.run("the volume groups", "vgs", LVM_OPTIONS, "json", "--units", "b", "--nosuffix",
                "--options", "vg_name,vg_size,vg_free").map(LvmParser::vgs).orElse(List.of());
    }

    static List<LvmParser.Member> physicalVolumes() {
        return HostCommand.run("the physical volumes", "pvs", LVM_OPTIONS, "json", "--options", "pv_name,vg_name")
                .map(LvmParser::pvs).orElse(List.of());
    }

    static List<LvmParser.Member> logicalVolumes() {
        return HostCommand.run("the logical volumes", "lvs", LVM_OPTIONS, "json", "--options", "lv_name,vg_name")
                .map(LvmParser::lvs).orElse(List.of());
    }

    /** The paths of the physical volumes in a volume group; null when LVM is installed but fails. */
    static Set<String> pvsInVolumeGroups() {
        try {
            return physicalVolumes().stream().filter(pv -> !pv.vg().isEmpty()).map(LvmParser.Member::name)
                    .collect(Collectors.toSet());
        } catch (VireoException e) {
            LOG.log(Level.WARNING, "LVM cannot be read; LVM members count as used: {0}", e.reason());
            return null;
        }
    }
}
