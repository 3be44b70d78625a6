package dev.vireo.error;

/**
 * Every kind of failure the API reports, with its stable code and HTTP status. The reason template
 * takes {@link String#format} arguments that name the offending values.
 * Codes never change meaning once published; add new ones at the end of their group.
 */
public enum ErrorCode {
    // requests the API cannot read
    MALFORMED_JSON("API0001E", 400, "The request body is not valid JSON: %s"),
    INVALID_VALUE("API0002E", 400, "Invalid value for %s: %s"),
    UNKNOWN_FIELD("API0003E", 400, "Unknown field '%s'"),
    NO_SUCH_RESOURCE("API0004E", 404, "No resource at %s"),
    METHOD_NOT_ALLOWED("API0005E", 405, "%s is not allowed on %s"),
    UNSUPPORTED_MEDIA_TYPE("API0006E", 415, "Unsupported content type %s: send application/json"),
    NOT_ACCEPTABLE("API0007E", 406, "Cannot answer in the requested media type: %s"),
    MISSING_BODY("API0008E", 400, "The request needs a JSON body"),
    CONSTRAINT_VIOLATION("API0009E", 400, "%s"),
    MISSING_FIELD("API0010E", 400, "Missing required field '%s'"),
    TOO_LONG("API0011E", 400, "%s is too long: at most %s characters"),
    BODY_TOO_LARGE("API0012E", 413, "The request body is too large: at most %s bytes"),
    /** Two requests changed the same row at once and this one lost (found at commit, wherever no rule of its own applies). */
    CHANGED_MEANWHILE("API0013E", 409, "Another request changed the same data at the same moment: read it again and retry"),
    INTERNAL("API0500E", 500, "Internal error (reference %s); the server log has the details"),

    // names
    INVALID_NAME("NAME0001E", 400,
            "Invalid %s name '%s': use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),

    // tasks
    TASK_NOT_FOUND("TASK0001E", 404, "Task %s does not exist"),
    TASK_INVALID_STATUS("TASK0002E", 400, "Invalid task status '%s': use running, finished or failed"),
    TASKS_SATURATED("TASK0003E", 503, "Cannot start %s now: the task executor is not accepting work"),
    /** The audit result of a task that ended with an unexpected error (its message has the reason). */
    TASK_FAILED("TASK0004E", 500, "Task %s failed: %s"),
    /** The audit result of a task cut short by a server stop. */
    TASK_INTERRUPTED("TASK0005E", 503, "Task %s was interrupted by a server restart"),

    // operation locks
    LOCKED("LOCK0001E", 409, "The %s is busy with %s: try again when it has ended"),

    // authentication, accounts, groups, roles, tokens, sessions, audit log
    NOT_AUTHENTICATED("AUTH0001E", 401, "Authentication required: send HTTP Basic credentials, a token "
            + "(X-AUTH-TOKEN or Authorization: Bearer) or a session"),
    BAD_CREDENTIALS("AUTH0002E", 401, "Wrong user name, password, token or session"),
    TOO_MANY_FAILURES("AUTH0003E", 429, "Too many failed logins %s: try again in %s seconds"),
    NOT_ALLOWED("AUTH0004E", 403, "%s may not %s"),
    USER_NOT_FOUND("USER0001E", 404, "User %s does not exist"),
    USER_EXISTS("USER0002E", 409, "A user named %s already exists"),
    WRONG_PASSWORD("USER0003E", 400, "The old password of %s is not right"),
    WEAK_PASSWORD("USER0004E", 400, "Password too weak: %s"),
    LAST_ADMIN("USER0005E", 409, "%s is the last administrator and cannot be removed"),
    INVALID_MAIL("USER0006E", 400, "Invalid mail address '%s'"),
    GROUP_NOT_FOUND("GRP0001E", 404, "User group %s does not exist"),
    GROUP_EXISTS("GRP0002E", 409, "A user group named %s already exists"),
    GROUP_BUILTIN("GRP0003E", 409, "User group %s is built in: its roles are fixed and it cannot be removed"),
    MEMBER_NOT_FOUND("GRP0004E", 404, "User %s is not a member of group %s"),
    ROLE_NOT_FOUND("ROLE0001E", 404, "Role %s does not exist"),
    ROLE_EXISTS("ROLE0002E", 409, "A role named %s already exists"),
    ROLE_BUILTIN("ROLE0003E", 409, "Role %s is built in and cannot be changed"),
    UNKNOWN_PERMISSION("ROLE0004E", 400, "Unknown permission '%s': use one of %s"),
    ROLE_IN_USE("ROLE0005E", 409, "Role %s is given to groups %s"),
    TOKEN_NOT_FOUND("TOKN0001E", 404, "Token %s does not exist"),
    SESSION_NOT_FOUND("SESS0001E", 404, "Session %s does not exist"),
    INVALID_TIMEOUT("SESS0002E", 400, "Invalid value for timeout: %s is not a whole number of seconds from 60 to 86400"),
    INVALID_LOG_QUERY("LOG0001E", 400, "Invalid log query: %s"),
    // Nano's front-end management: its roles name the console menus they open
    UNKNOWN_NANO_MENU("NFE0001E", 400, "Unknown menu '%s': use one of %s"),
    CROSS_SITE_REQUEST("AUTH0005E", 403, "Cross-site request refused: %s"),

    // templates
    TEMPLATE_NOT_FOUND("TMPL0001E", 404, "Template %s does not exist"),
    TEMPLATE_EXISTS("TMPL0002E", 409, "A template named %s already exists"),
    TEMPLATE_CHANGED("TMPL0003E", 409, "Template %s changed since you read it: read it again and repeat your change"),
    UNKNOWN_NETWORK("TMPL0004E", 400, "Network %s does not exist on the host"),
    UNKNOWN_POOL("TMPL0005E", 400, "Storage pool %s does not exist on the host"),
    INVALID_CPU("TMPL0006E", 400, "Invalid cpu_info: %s"),
    INVALID_MEMORY("TMPL0007E", 400, "Invalid memory: %s"),
    INVALID_DISK("TMPL0008E", 400, "Invalid disk %s: %s"),
    INVALID_GRAPHICS("TMPL0009E", 400, "Invalid graphics: %s"),
    INVALID_MEDIA("TMPL0010E", 400, "Invalid source media: %s"),

    // virtual machines
    VM_NOT_FOUND("VMS0004E", 404, "Virtual machine %s does not exist"),
    VM_WRONG_STATE("VMS0005E", 409, "Virtual machine %s is %s: it cannot %s"),
    VM_EXISTS("VMS0006E", 409, "A virtual machine named %s already exists"),
    VM_UNKNOWN_TEMPLATE("VMS0007E", 400, "Template %s does not exist"),
    VM_INVALID_TEMPLATE_URI("VMS0008E", 400,
            "Invalid template '%s': give its URI, /plugins/kimchi/templates/NAME or /api/templates/NAME"),
    VM_DISK_NOT_IN_POOL("VMS0010E", 409, "Disk %s of virtual machine %s is not a volume of a storage pool: it cannot be copied"),
    VM_NO_ROOM("VMS0011E", 409, "Neither pool %s nor pool %s has room for a copy of %s (%s bytes)"),
    STORAGE_NOT_FOUND("VMS0012E", 404, "Virtual machine %s has no storage device %s"),
    STORAGE_BUS_FULL("VMS0013E", 409, "Virtual machine %s has no free %s slot for another %s"),
    STORAGE_INVALID("VMS0014E", 400, "Invalid storage: %s"),
    STORAGE_NOT_CDROM("VMS0015E", 409, "Device %s of virtual machine %s is a %s: only a cdrom's media can change"),
    NIC_NOT_FOUND("VMS0016E", 404, "Virtual machine %s has no network interface %s"),
    NIC_INVALID("VMS0017E", 400, "Invalid network interface: %s"),
    MIGRATE_INVALID("VMS0018E", 400, "Invalid migration: %s"),
    HOSTDEV_HELD("VMS0019E", 409, "Host device %s is already assigned to %s"),
    HOSTDEV_NOT_PASSTHROUGH("VMS0020E", 400, "Host device %s cannot be assigned to a virtual machine: %s"),
    VM_NOT_PERSISTENT("VMS0009E", 400, "Virtual machines made by Vireo are persistent: persistent must be true"),
    CONSOLE_UNREACHABLE("VMS0022E", 409, "The console of virtual machine %s listens on %s of host %s only, which "
            + "Vireo cannot reach from its own machine: let the VM's graphics listen on an address of that host"),
    VM_ON_SEVERAL_HOSTS("VMS0021E", 409,
            "Virtual machines named %s are on hosts %s: add ?host= with the one you mean"),

    // snapshots
    SNAPSHOT_NOT_FOUND("SNAP0001E", 404, "Virtual machine %s has no snapshot %s"),
    SNAPSHOT_EXISTS("SNAP0002E", 409, "Virtual machine %s already has a snapshot %s"),
    SNAPSHOT_RESERVED_NAME("SNAP0003E", 400, "'%s' names a view of the snapshots, not a snapshot: choose another name"),
    NO_CURRENT_SNAPSHOT("SNAP0004E", 404, "Virtual machine %s has no current snapshot"),

    // storage
    POOL_NOT_FOUND("STG0001E", 404, "Storage pool %s does not exist"),
    POOL_EXISTS("STG0002E", 409, "A storage pool named %s already exists"),
    POOL_IN_USE("STG0003E", 409, "Storage pool %s is in use by %s"),
    /** No longer raised: every type of the seed can be created. Kept so that the code keeps its meaning. */
    POOL_TYPE_UNSUPPORTED("STG0004E", 400, "Vireo cannot create %s pools yet: dir pools only"),
    POOL_INVALID("STG0005E", 400, "Invalid storage pool: %s"),
    VOLUME_NOT_FOUND("STG0006E", 404, "Storage pool %s has no volume %s"),
    VOLUME_EXISTS("STG0007E", 409, "Storage pool %s already has a volume %s"),
    VOLUME_IN_USE("STG0008E", 409, "Volume %s is in use by %s"),
    VOLUME_INVALID("STG0009E", 400, "Invalid storage volume: %s"),
    POOL_INACTIVE("STG0010E", 409, "Storage pool %s is not active"),
    VOLUME_URL_INVALID("STG0011E", 400, "Invalid volume URL '%s': %s"),
    VOLUME_DOWNLOAD_FAILED("STG0012E", 502, "Cannot download %s: %s"),
    UPLOAD_NOT_EXPECTED("STG0013E", 409, "Volume %s of storage pool %s is not awaiting an upload"),
    CHUNK_INVALID("STG0014E", 400, "Invalid chunk for volume %s: %s"),
    VOLUME_UPLOADING("STG0015E", 409, "Volume %s is still being uploaded (%s of %s bytes): finish the upload first"),
    CHUNK_TOO_LARGE("STG0016E", 413, "A chunk of %s bytes is too large: send chunks of at most %s bytes"),
    ISO_POOL_READ_ONLY("STG0017E", 409, "Storage pool kimchi_isos is a read-only view of the ISO images of every active"
            + " pool and cannot %s: use the pool that holds the image"),
    POOL_SOURCE_MISSING("STG0018E", 400, "A %s pool needs %s"),
    INVALID_STORAGE_SERVER("STG0019E", 400, "Invalid storage server '%s': give a host name or an IP address"),
    INVALID_IQN("STG0020E", 400, "Invalid iSCSI target '%s': give an IQN such as iqn.2024-01.com.example:disks,"
            + " or an eui. or naa. name"),
    INVALID_PORT("STG0021E", 400, "Invalid port %s: use 1 to 65535"),
    INVALID_DEVICE("STG0022E", 400, "Invalid device '%s': give a normalised path under /dev"),
    INVALID_CHAP("STG0023E", 400, "Invalid CHAP authentication: %s"),
    INVALID_SCSI_ADAPTER("STG0024E", 400, "Invalid SCSI adapter '%s': give a SCSI host such as host2 or scsi_host2"),
    VOLUME_GROUP_CONFLICT("STG0025E", 409, "Volume group %s %s"),
    POOL_EXTEND_FAILED("STG0026E", 500, "Cannot add %s to the volume group of pool %s: %s"),
    POOL_NOT_LOGICAL("STG0027E", 400, "Only logical pools take disks, and %s is a %s pool"),
    STORAGE_SERVER_NOT_FOUND("STG0028E", 404, "No storage pool uses the storage server %s"),
    POOL_FIELD_NOT_FOR_TYPE("STG0029E", 400, "%s is not for %s pools"),
    VOLUME_DOWNLOADING("STG0030E", 409, "Volume %s of storage pool %s is still being downloaded from %s: wait for its task to end"),
    VOLUME_DOWNLOAD_INTERRUPTED("STG0031E", 409,
            "Volume %s of storage pool %s holds an incomplete download from %s, cut short by a server stop: delete it"),

    // networks
    NETWORK_NOT_FOUND("NET0001E", 404, "Network %s does not exist"),
    NETWORK_EXISTS("NET0002E", 409, "A network named %s already exists"),
    NETWORK_IN_USE("NET0003E", 409, "Network %s is in use by %s"),
    NETWORK_CONNECTION_UNSUPPORTED("NET0004E", 400,
            "Vireo cannot change %s networks: isolated, nat, bridge, macvtap, vepa and passthrough only"),
    NETWORK_INVALID("NET0005E", 400, "Invalid network: %s"),
    NETWORK_INTERFACE_UNKNOWN("NET0006E", 400, "The host has no network interface %s"),
    NETWORK_INTERFACE_TAKEN("NET0007E", 409, "Interface %s is already used by network %s"),
    NETWORK_INTERFACE_UNFIT("NET0008E", 400, "Interface %s cannot carry a %s network: %s"),
    NETWORK_ACTIVE("NET0009E", 409,
            "Network %s is active: deactivate it first (libvirt cannot rename a running network and applies a changed definition only when it starts)"),
    NETWORK_CONNECTION_FIXED("NET0010E", 400, "The connection of network %s cannot change: it stays %s"),

    // distributions
    DISTRO_NOT_FOUND("DIST0001E", 404, "No distribution named %s in the catalogue or among the ISO images of active storage pools"),

    // hosts and libvirt
    HOST_UNREACHABLE("HOST0001E", 503, "The hypervisor at %s cannot be reached: %s"),
    HOST_UNSUPPORTED("HOST0002E", 409, "The hypervisor does not support this operation: %s"),
    LIBVIRT_INVALID_STATE("HOST0003E", 409, "The operation is not valid in the current state: %s"),
    LIBVIRT_NOT_FOUND("HOST0004E", 404, "%s"),
    LIBVIRT_INVALID_ARGUMENT("HOST0005E", 400, "The hypervisor refused the request: %s"),
    LIBVIRT_CONFLICT("HOST0006E", 409, "%s"),
    LIBVIRT_FAILED("HOST0007E", 500, "The hypervisor reported an error: %s"),
    INVALID_HOST_OBJECT_NAME("HOST0008E", 400,
            "Invalid %s name '%s': use 1 to 128 letters, digits, '.', '_', ':', '+' or '-', starting with a letter or digit"),
    INTERFACE_NOT_FOUND("HOST0009E", 404, "The host has no network interface %s"),
    DEVICE_NOT_FOUND("HOST0010E", 404, "The host has no device %s"),
    DEVICE_NOT_HELD("HOST0011E", 404, "Virtual machine %s does not hold host device %s"),
    PARTITION_NOT_FOUND("HOST0012E", 404, "The host has no partition %s"),
    VOLUME_GROUP_NOT_FOUND("HOST0013E", 404, "The host has no volume group %s"),
    HOST_NOT_LOCAL("HOST0014E", 409,
            "%s are read on the machine Vireo runs on, and the libvirt host %s is another machine"),
    HOST_TOOL_FAILED("HOST0015E", 500, "Reading %s on this machine failed: %s"),
    INVALID_FILTER("HOST0016E", 400, "Invalid filter %s=%s: %s"),

    // the zone: managed hosts (cells) and compute pools
    MANAGED_HOST_NOT_FOUND("ZONE0001E", 404, "Host %s does not exist"),
    MANAGED_HOST_EXISTS("ZONE0002E", 409, "A host named %s already exists"),
    MANAGED_HOST_URI_TAKEN("ZONE0003E", 409, "Host %s is already registered at %s"),
    INVALID_LIBVIRT_URI("ZONE0004E", 400, "Invalid libvirt URI '%s': %s"),
    DEFAULT_HOST_FIXED("ZONE0005E", 409,
            "Host %s is the default host (VIREO_LIBVIRT_URI): its %s follows the configuration and cannot be %s"),
    COMPUTE_POOL_NOT_FOUND("ZONE0006E", 404, "Compute pool %s does not exist"),
    COMPUTE_POOL_EXISTS("ZONE0007E", 409, "A compute pool named %s already exists"),
    COMPUTE_POOL_NOT_EMPTY("ZONE0008E", 409, "Compute pool %s still holds hosts %s: move or remove them first"),
    DEFAULT_COMPUTE_POOL_FIXED("ZONE0009E", 409, "Compute pool %s is the default pool and cannot be removed"),
    INVALID_NETWORK_MODE("ZONE0010E", 400, "Invalid network mode '%s': use plain, share or mono"),
    MANAGED_HOST_NOT_IN_POOL("ZONE0011E", 404, "Host %s is not in compute pool %s"),
    NO_HOST_FITS("ZONE0012E", 409, "No host can take virtual machine %2$s (%3$s MiB) %1$s: %4$s"),
    HOST_LACKS("ZONE0013E", 409, "Host %s has no %s %s, which virtual machine %s needs"),
    VM_HOST_UNREACHABLE("ZONE0030E", 503,
            "Virtual machine %s is on host %s, which cannot be reached since %s (%s): try again once the host is back"),

    // the zone: migration between hosts and evacuation
    MIGRATION_SAME_HOST("ZONE0020E", 409, "Virtual machine %s is already on host %s: name another host"),
    NO_LIVE_MIGRATION("ZONE0021E", 409,
            "Virtual machine %s runs, and host %s cannot migrate a running virtual machine (its hypervisor offers no live"
                    + " migration): shut it off for a cold migration"),
    MIGRATION_VOLUME_TAKEN("ZONE0022E", 409,
            "Host %s already has a volume at %s, where disk %s of virtual machine %s would go"),
    MIGRATION_DISK_MISSING("ZONE0023E", 409,
            "Disk %s of virtual machine %s (%s) is not on host %s, and a read-only or CD-ROM disk is not copied"),
    MIGRATION_SNAPSHOTS("ZONE0024E", 409,
            "Virtual machine %s has snapshots (%s), which a migration does not take along: delete them first"),
    MIGRATION_CONFLICT("ZONE0025E", 400, "Give either host (a registered host) or remote_host (a libvirt URI or"
            + " host name), not both"),
    MIGRATION_NOT_FOUND("ZONE0026E", 404, "Migration %s does not exist"),
    MIGRATION_INSTANCE_NOT_FOUND("ZONE0027E", 404, "Host %s has no virtual machine with UUID %s"),
    /** The failure of a task that moved several VMs and could not move some (its message names each). */
    MIGRATIONS_INCOMPLETE("ZONE0028E", 409, "%s"),

    // guests made from a spec (Nano's guests and instances) and batches of them
    GUEST_NOT_FOUND("NANO0001E", 404, "Guest %s does not exist"),
    GUEST_RUNNING("NANO0002E", 409, "Guest %s is running: stop it first, or delete it with force"),
    GUEST_OPTION_UNSUPPORTED("NANO0003E", 400, "%s is not supported yet: %s"),
    TEMPLATE_OR_SPEC("NANO0004E", 400, "Give a virtual machine either a template or a spec, not %s"),
    BATCH_NOT_FOUND("NANO0005E", 404, "Batch %s does not exist"),
    BATCH_NAME_RULE("NANO0006E", 400, "Name rule '%s' is not supported: use order (MAC and address need address pools)"),
    BATCH_COUNT("NANO0007E", 400, "A batch holds 1 to %s guests, not %s"),
    BATCH_KIND("NANO0008E", 404, "Batch %s is not a batch %s"),

    // the zone: shared storage of compute pools

    SHARED_STORAGE_TYPE("ZONE0040E", 400, "Storage type '%s' is not supported: use nfs (ceph is not yet)"),
    SHARED_STORAGE_NOT_EMPTY("ZONE0041E", 409, "Storage pool %s holds volumes on host %s: only an empty pool can change"),
    SHARED_STORAGE_IN_USE("ZONE0042E", 409, "Storage pool %s is the storage of compute pools %s: change them first"),
    SHARED_STORAGE_NOT_FOUND("ZONE0043E", 404, "Storage pool %s does not exist as a shared (nfs) storage pool"),

    // scheduled jobs
    JOB_NOT_FOUND("JOB0001E", 404, "Job %s does not exist"),
    INVALID_SCHEDULE("JOB0002E", 400, "Invalid schedule '%s': use %s"),
    NOTHING_TO_CHANGE("JOB0003E", 400, "Nothing to change: give enabled (true or false) and/or schedule"),
    /** A retention period in the server's configuration that is no length of time (the jobs that use it fail). */
    INVALID_RETENTION("JOB0004E", 500,
            "Invalid configuration %s='%s': use a whole number followed by s, m, h or d (e.g. 30d) or ISO-8601 (P30D)"),

    // raw domain definitions (the Xen REST face and /api/vms/{name}/definition)
    XEN_INVALID_DEFINITION("XEN0001E", 400, "Invalid domain definition: %s"),
    XEN_INVALID_FLAG("XEN0002E", 400, "Invalid flag '%s' for %s: use %s"),
    XEN_DOMAIN_NOT_FOUND("XEN0003E", 404, "Domain %s does not exist"),
    XEN_INVALID_PARAMETER("XEN0004E", 400, "Invalid %s '%s': %s"),
    XEN_IDENTITY_CONFLICT("XEN0005E", 409, "%s"),
    XEN_WRONG_STATE("XEN0006E", 409, "Domain %s is %s: it cannot %s"),

    // VM pools (vmpooler)
    VMPOOL_NOT_FOUND("VMP0001E", 404, "VM pool %s does not exist"),
    VMPOOL_EXISTS("VMP0002E", 409, "A VM pool or pool alias named %s already exists"),
    VMPOOL_TEMPLATE_NOT_FOUND("VMP0003E", 400, "Template %s does not exist"),
    VMPOOL_EMPTY("VMP0004E", 503, "VM pool %s has %s ready virtual machines, %s requested: try again later"),
    POOL_VM_NOT_FOUND("VMP0005E", 404, "No checked-out virtual machine of a pool is named %s"),
    VMPOOL_IN_USE("VMP0006E", 409, "VM pool %s has checked-out virtual machines (%s): delete them first"),
    VMPOOL_LIFETIME("VMP0007E", 400, "A lifetime of %s hours is beyond the %s hours VM pool %s allows"),
    VMPOOL_INVALID_TAG("VMP0008E", 400, "Invalid tag '%s': %s"),
    VMPOOL_BAD_REQUEST("VMP0009E", 404, "%s"),
    VMPOOL_NAME_CHANGE("VMP0010E", 400, "A VM pool keeps its name: %s cannot become %s"),
    VMPOOL_SUMMARY_DATE("VMP0011E", 400, "Invalid date '%s' for %s: use YYYY-MM-DD"),
    VMPOOL_SUMMARY_RANGE("VMP0012E", 400, "Invalid date range: from (%s) is after to (%s)"),
    VMPOOL_SUMMARY_TOO_LONG("VMP0013E", 400, "A summary covers at most %s days: %s to %s is %s days"),
    VMPOOL_SUMMARY_SECTION("VMP0014E", 404, "A summary has no section %s: use %s"),
    ONDEMAND_TOO_MANY("VMP0015E", 403, "An on-demand request takes at most %s VMs of a pool, not %s of %s"),
    ONDEMAND_EXISTS("VMP0016E", 409, "An on-demand request %s already exists"),
    ONDEMAND_NOT_FOUND("VMP0017E", 404, "No on-demand request %s exists"),
    ONDEMAND_INVALID_ID("VMP0018E", 400, "Invalid request_id '%s': 1 to 64 letters, digits, '-' and '_'"),

    // clusters of VMs (Comet)
    CLUSTER_NOT_FOUND("CLU0001E", 404, "Cluster %s does not exist"),
    CLUSTER_EXISTS("CLU0002E", 409, "A cluster named %s already exists"),
    CLUSTER_MEMBER_TWICE("CLU0003E", 400, "Virtual machine %s is named more than once"),
    CLUSTER_MEMBER_EXISTS("CLU0004E", 409, "Virtual machine %s is already a member of cluster %s"),
    CLUSTER_MEMBER_NOT_FOUND("CLU0005E", 404, "Virtual machine %s is not a member of cluster %s"),
    CLUSTER_NAME_CHANGE("CLU0006E", 400, "A cluster keeps its name: %s cannot become %s"),
    CLUSTER_TOO_MANY("CLU0007E", 400, "A cluster holds at most %s virtual machines, not %s"),
    CLUSTER_POSITION("CLU0008E", 400, "Invalid position %s: use 0 to %s"),
    CLUSTER_EMPTY("CLU0009E", 409, "Cluster %s has no virtual machines to %s"),
    /** A start or stop of the whole that did not go as asked for every member: the reason lists each. */
    CLUSTER_PARTIAL("CLU0010E", 409, "Cluster %s did not %s: %s"),
    CLUSTER_MEMBER_TIMEOUT("CLU0011E", 504, "Virtual machine %s was not %s after %s seconds"),
    CLUSTER_SNAPSHOT_NOT_FOUND("CLU0012E", 404, "Cluster %s has no snapshot set %s"),
    CLUSTER_SNAPSHOT_EXISTS("CLU0013E", 409, "Cluster %s already has a snapshot set %s"),
    CLUSTER_MEMBER_NOT_MADE("CLU0014E", 409, "Virtual machine %s was not made from template %s: %s"),
    CLUSTER_STORAGE_NO_VOLUME("CLU0015E", 409, "Storage %s of virtual machine %s is no volume of a storage pool: nothing to remove"),
    CLUSTER_STORAGE_SHARED("CLU0016E", 409, "Volume %s of pool %s is also used by %s: unmap it there first"),
    CLUSTER_MEMBER_RENAME("CLU0017E", 409, "Virtual machine %s is a member of cluster %s and keeps its name there: take it"
            + " out of the cluster to rename it"),

    // address pools (IPAM)
    ADDRESS_POOL_NOT_FOUND("IPM0001E", 404, "Address pool %s does not exist"),
    ADDRESS_POOL_EXISTS("IPM0002E", 409, "An address pool named %s already exists"),
    INVALID_ADDRESS("IPM0003E", 400, "Invalid %s '%s': %s"),
    INVALID_RANGE_TYPE("IPM0004E", 400, "Invalid range type '%s': use internal or external"),
    RANGE_NOT_FOUND("IPM0005E", 404, "Address pool %s has no %s range starting at %s"),
    INVALID_RANGE("IPM0006E", 400, "Invalid range %s to %s (netmask %s): %s"),
    RANGE_OVERLAPS("IPM0007E", 409, "Range %s to %s overlaps the %s range %s to %s of address pool %s"),
    RANGE_IN_USE("IPM0008E", 409, "The %s range %s to %s of address pool %s has addresses allocated: %s"),
    ADDRESS_POOL_IN_USE("IPM0009E", 409, "Address pool %s is in use: %s"),
    ADDRESS_POOL_EXHAUSTED("IPM0010E", 409, "Address pool %s has no free internal address left for %s"),
    TOO_MANY_DNS("IPM0011E", 400, "At most %s DNS servers, not %s"),
    ADDRESS_TAKEN("IPM0012E", 409, "Address %s of pool %s is allocated to %s"),
    ADDRESS_NOT_ALLOCATED("IPM0013E", 404, "Address %s of pool %s is not allocated"),
    ADDRESS_OUTSIDE_RANGES("IPM0014E", 409, "Address %s lies in no internal range of address pool %s"),

    // Several servers (issue 18)
    /** A task whose server node died (or was cut off) while it ran: its work ended with the node. */
    NODE_SILENT("HAC0001E", 503, "Server node %s stopped (no heartbeat since %s): its task ended with it"),
    /** A batch item whose server node died while it was pending or being deleted. */
    NODE_SILENT_BATCH_ITEM("HAC0002E", 503, "Server node %s stopped (no heartbeat since %s): the work on this item ended with it"),

    // Nano guest operations
    GUEST_DISK_NOT_FOUND("GOP0001E", 404, "Guest %s has no disk %s: its disks are numbered 0 (system) to %s"),
    DISK_NOT_RESIZABLE("GOP0002E", 409, "Device %s of virtual machine %s cannot be resized: %s"),
    DISK_NOT_GROWN("GOP0003E", 400, "Disk %s of virtual machine %s holds %s bytes: a resize grows it, and %s bytes do not"),
    /** A shrink is refused: the reason says why it would not be safe. */
    DISK_SHRINK_UNSAFE("GOP0004E", 409, "Disk %s of virtual machine %s is not shrunk: %s"),
    BOOT_SOURCE("GOP0005E", 400, "Cannot boot %s that way: %s"),
    BOOT_MEDIA_MISSING("GOP0006E", 409, "Virtual machine %s has no media to boot from: insert media first, or give source"),
    MEDIA_TYPE("GOP0007E", 400, "Media type %s is not supported: 0 (a media image, an ISO) is"),
    GUEST_USER_INVALID("GOP0008E", 400, "Invalid guest user %s: %s"),
    GUEST_PASSWORD_INVALID("GOP0009E", 400, "Invalid guest password: %s"),
    GUEST_AGENT_MISSING("GOP0010E", 409, "Virtual machine %s runs without a connected QEMU guest agent (%s): a running"
            + " guest's password is set through its agent; shut it off to have cloud-init set it at its next start"),
    GUEST_AGENT_REFUSED("GOP0011E", 409, "The guest agent of virtual machine %s did not set the password of user %s: %s"),
    GUEST_PASSWORD_NOT_SET("GOP0012E", 404, "No password was set through Vireo for virtual machine %s"),
    GUEST_SEED_FAILED("GOP0013E", 500, "The cloud-init seed of virtual machine %s could not be made: %s"),
    GUEST_SEED_DRIVE("GOP0014E", 409, "Virtual machine %s has no room for a cloud-init seed drive: %s"),
    GUEST_PASSWORD_UNREADABLE("GOP0015E", 409, "The password kept for virtual machine %s cannot be read: %s"),

    // media and disk images
    IMAGE_NOT_FOUND("IMG0001E", 404, "Image %s does not exist"),
    IMAGE_INVALID("IMG0002E", 400, "Invalid image: %s"),
    IMAGE_NOT_READY("IMG0003E", 409, "Image %s is not ready (%s): its upload has not ended"),
    IMAGE_UPLOAD_OFFSET("IMG0004E", 409, "Image %s has %s bytes: send the chunk that starts there, not at %s"),
    IMAGE_CHUNK_INVALID("IMG0005E", 400, "Invalid chunk for image %s: %s"),
    IMAGE_CHECKSUM_MISMATCH("IMG0006E", 409, "The content of image %s has SHA-256 %s, not %s as declared: it was"
            + " discarded, upload it again"),
    IMAGE_RANGE_NOT_SATISFIABLE("IMG0007E", 416, "Range %s is not within image %s of %s bytes"),
    IMAGE_STORE_UNAVAILABLE("IMG0008E", 503, "The image store %s cannot be used: %s"),
    IMAGE_READY("IMG0009E", 409, "Image %s is ready: its content does not change (make a new image)"),
    IMAGE_NOT_OWNER("IMG0010E", 403, "Image %s belongs to %s: only its owner may change it"),
    IMAGE_CHUNK_TOO_LARGE("IMG0011E", 413, "A chunk of %s bytes is too large: at most %s bytes per request"),
    IMAGE_OWNER_INVALID("IMG0012E", 400, "Invalid owner %s: %s"),
    IMAGE_GROUP_INVALID("IMG0013E", 400, "Invalid group %s: %s"),
    IMAGE_WRITE_FAILED("IMG0014E", 500, "The content of image %s could not be written: %s"),
    IMAGE_GUEST_NOT_SHUT_OFF("IMG0015E", 409, "Virtual machine %s is %s: shut it off first"),
    IMAGE_GUEST_NO_SYSTEM_DISK("IMG0016E", 409, "Virtual machine %s has no system disk that Vireo made"),
    IMAGE_NOT_DISK("IMG0018E", 400, "Image %s is a %s image: a system disk comes from a ready disk image"),
    IMAGE_COPY_FAILED("IMG0019E", 502, "Image %s could not be copied to storage pool %s of host %s: %s"),
    IMAGE_COPY_MISMATCH("IMG0020E", 502, "The copy of image %s on host %s has SHA-256 %s, not %s: it was removed"),
    IMAGE_IN_USE("IMG0021E", 409, "Image %s is in use by virtual machine(s) %s: delete them or reset their system"
            + " disks from another image first"),
    IMAGE_COPY_UNREACHABLE("IMG0022E", 409, "Image %s has a copy on host %s, which cannot be reached now: %s"),
    IMAGE_BEING_DELETED("IMG0023E", 409, "Image %s is being deleted (by %s): no guest is made or reset from it now");

    private final String code;
    private final int status;
    private final String template;

    ErrorCode(String code, int status, String template) {
        this.code = code;
        this.status = status;
        this.template = template;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String reason(Object... args) {
        return String.format(template, args);
    }
}
