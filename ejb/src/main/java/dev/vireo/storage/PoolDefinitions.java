package dev.vireo.storage;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.PoolSpec;
import dev.vireo.validation.ResourceName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each type of the Kimchi API becomes in libvirt, checked field by field: {@code dir} a
 * directory; {@code kimchi-iso} a dir pool of links to the ISO images found under {@code path};
 * {@code netfs} an NFS export mounted under the mount directory; {@code logical} a volume group
 * made of {@code devices} or an existing one ({@code from_vg}, named as the pool); {@code iscsi} a
 * target with optional CHAP; {@code scsi} a SCSI host adapter.
 */
public final class PoolDefinitions {

    public static final String KIMCHI_ISO = "kimchi-iso";
    static final Set<String> TYPES = Set.of("dir", KIMCHI_ISO, "netfs", "logical", "iscsi", "scsi");
    /** Where iSCSI and SCSI pools show their LUNs. */
    static final String BY_PATH = "/dev/disk/by-path";

    /**
     * A checked pool: its Kimchi type, the libvirt definition, the CHAP password (kept out of the
     * definition) and whether it starts at once (local storage) or waits for activate (storage
     * behind a server or an adapter, which may not be reachable yet).
     */
    public record Definition(String kimchiType, PoolSpec spec, String chapPassword, boolean start) {
        @Override
        public String toString() {
            return "Definition[" + kimchiType + ", " + spec + ", start=" + start + "]";
        }
    }

    private PoolDefinitions() {
    }

    /**
     * @param nfsMountDir where netfs pools are mounted (each in a directory named as the pool)
     * @param isoScanDir  where kimchi-iso pools keep their links (each in a directory named as the pool)
     */
    public static Definition of(PoolRequest request, String nfsMountDir, String isoScanDir) {
        if (request.name() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "name");
        }
        String name = ResourceName.require("storage pool", request.name());
        if (IsoPool.NAME.equals(name)) {
            throw new VireoException(ErrorCode.ISO_POOL_READ_ONLY, "be created");
        }
        String type = request.type();
        if (type == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "type");
        }
        if (!TYPES.contains(type)) {
            throw new VireoException(ErrorCode.POOL_INVALID, "type must be one of " + TYPES.stream().sorted().toList()
                    + ", not '" + type + "'");
        }
        if (request.autostart() != null || request.disks() != null) {
            throw new VireoException(ErrorCode.POOL_FIELD_NOT_FOR_TYPE, request.autostart() != null ? "autostart" : "disks",
                    "new");
        }
        PoolRequest.Source source = request.source();
        onlyFields(type, request.path() != null ? "path" : null, source);
        return switch (type) {
            case "dir" -> new Definition(type, PoolSpec.dir(name, PoolRules.directory("path", request.path())), null, true);
            case KIMCHI_ISO -> {
                PoolRules.directory("path", request.path());
                yield new Definition(type, PoolSpec.dir(name, isoScanDir + "/" + name), null, true);
            }
            case "netfs" -> new Definition(type, new PoolSpec(name, "netfs", nfsMountDir + "/" + name,
                    PoolRules.host(required(type, "source.host", source == null ? null : source.host())), null,
                    PoolRules.directory("source.path", required(type, "source.path", source.path())),
                    null, null, null, null, null, null), null, false);
            case "logical" -> logical(name, source);
            case "iscsi" -> iscsi(name, source);
            default -> new Definition(type, new PoolSpec(name, "scsi", BY_PATH, null, null, null, null, null, null,
                    PoolRules.scsiAdapter(required(type, "source.adapter_name", source == null ? null : source.adapterName())),
                    null, null), null, false);
        };
    }

    private static Definition logical(String name, PoolRequest.Source source) {
        boolean fromVg = source != null && Boolean.TRUE.equals(source.fromVg());
        List<String> devices = source == null || source.devices() == null ? List.of() : source.devices();
        if (fromVg && !devices.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_INVALID, "give either source.devices or source.from_vg, not both");
        }
        if (!fromVg && devices.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_SOURCE_MISSING, "logical",
                    "source.devices (a list of devices under /dev) or source.from_vg (true, for the volume group " + name + ")");
        }
        List<String> checked = new ArrayList<>();
        for (String device : devices) {
            if (checked.contains(PoolRules.device(device))) {
                throw new VireoException(ErrorCode.POOL_INVALID, "device " + device + " is listed twice");
            }
            checked.add(device);
        }
        return new Definition("logical", new PoolSpec(name, "logical", "/dev/" + name, null, null, null, checked, name,
                null, null, null, null), null, true);
    }

    private static Definition iscsi(String name, PoolRequest.Source source) {
        String host = PoolRules.host(required("iscsi", "source.host", source == null ? null : source.host()));
        String iqn = PoolRules.iqn(required("iscsi", "source.target", source.target()));
        PoolRequest.Auth auth = source.auth() == null ? null : PoolRules.chap(source.auth());
        return new Definition("iscsi", new PoolSpec(name, "iscsi", BY_PATH, host, PoolRules.port(source.port()), null,
                null, null, iqn, null, auth == null ? null : auth.username(), null),
                auth == null ? null : auth.password(), false);
    }

    private static String required(String type, String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new VireoException(ErrorCode.POOL_SOURCE_MISSING, type, field);
        }
        return value;
    }

    /** Refuses the fields of other types, naming the first one given. */
    private static void onlyFields(String type, String path, PoolRequest.Source source) {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("path", path);
        if (source != null) {
            given.put("source.host", source.host());
            given.put("source.path", source.path());
            given.put("source.devices", source.devices());
            given.put("source.from_vg", source.fromVg());
            given.put("source.target", source.target());
            given.put("source.port", source.port());
            given.put("source.auth", source.auth());
            given.put("source.adapter_name", source.adapterName());
        }
        Set<String> allowed = switch (type) {
            case "dir", KIMCHI_ISO -> Set.of("path");
            case "netfs" -> Set.of("source.host", "source.path");
            case "logical" -> Set.of("source.devices", "source.from_vg");
            case "iscsi" -> Set.of("source.host", "source.target", "source.port", "source.auth");
            default -> Set.of("source.adapter_name");
        };
        given.forEach((field, value) -> {
            if (value != null && !allowed.contains(field)) {
                throw new VireoException(ErrorCode.POOL_FIELD_NOT_FOR_TYPE, field, type);
            }
        });
    }
}
