package dev.vireo.host;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;

/** The host's partitions and LVM volume groups (read on this machine: see {@link LocalMachine}). */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class PartitionService {

    @EJB
    HostConnections hosts;

    public List<PartitionView> partitions() {
        LocalMachine.require(hosts.local().ref(), "Partitions");
        return Partitions.views(HostStorage.blockDevices(), HostStorage.pvsInVolumeGroups());
    }

    public PartitionView partition(String name) {
        HostObjectName.require("partition", name);
        return partitions().stream().filter(partition -> partition.name().equals(name)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.PARTITION_NOT_FOUND, name));
    }

    /** The volume groups; none where LVM is not installed. */
    public List<VolumeGroupView> volumeGroups() {
        LocalMachine.require(hosts.local().ref(), "Volume groups");
        List<LvmParser.Vg> groups = HostStorage.volumeGroups();
        if (groups.isEmpty()) {
            return List.of();
        }
        List<LvmParser.Member> pvs = HostStorage.physicalVolumes();
        List<LvmParser.Member> lvs = HostStorage.logicalVolumes();
        return groups.stream().map(vg -> new VolumeGroupView(vg.name(), names(lvs, vg.name()), names(pvs, vg.name()),
                vg.free(), vg.size())).toList();
    }

    public VolumeGroupView volumeGroup(String name) {
        HostObjectName.require("volume group", name);
        return volumeGroups().stream().filter(vg -> vg.name().equals(name)).findFirst()
                .orElseThrow(() -> new VireoException(ErrorCode.VOLUME_GROUP_NOT_FOUND, name));
    }

    private static List<String> names(List<LvmParser.Member> members, String vg) {
        return members.stream().filter(member -> member.vg().equals(vg)).map(LvmParser.Member::name).toList();
    }
}
