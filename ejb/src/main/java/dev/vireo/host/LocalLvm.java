package dev.vireo.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** LVM on the machine Vireo runs on, for the storage area's logical pools. */
public final class LocalLvm {

    private LocalLvm() {
    }

    /** Whether a volume group of that name exists here; empty when LVM is not installed. */
    public static Optional<Boolean> volumeGroupExists(String name) {
        if (!HostCommand.installed("vgs")) {
            return Optional.empty();
        }
        return Optional.of(HostStorage.volumeGroups().stream().anyMatch(vg -> vg.name().equals(name)));
    }

    /** Whether LVM's vgextend is installed here. */
    public static boolean canExtend() {
        return HostCommand.installed("vgextend");
    }

    /**
     * Adds physical volumes to a volume group with vgextend (which initialises them); a failure is a
     * {@code HOST_TOOL_FAILED} with LVM's message.
     */
    public static void extend(String volumeGroup, List<String> devices) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--yes");
        arguments.add(volumeGroup);
        arguments.addAll(devices);
        HostCommand.run("the volume group " + volumeGroup + " while adding " + String.join(", ", devices),
                "vgextend", arguments.toArray(String[]::new));
    }
}
