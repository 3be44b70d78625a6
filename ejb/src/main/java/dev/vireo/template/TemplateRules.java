package dev.vireo.template;

import dev.vireo.distro.Distro;
import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.VolumeSummary;
import dev.vireo.persistence.template.TemplateDisk;
import dev.vireo.persistence.template.TemplateSettings;
import dev.vireo.validation.MediaUrls;
import dev.vireo.validation.ResourceName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seed's rules for templates, in one place: what is required, what each field may hold, and
 * the defaults. Creating validates everything; changing validates the fields the change names,
 * so that a template whose network has vanished can still be renamed (its {@code invalid} field
 * says what is wrong).
 */
final class TemplateRules {

    /** Kimchi's default memory of a new template, or the host's memory when it has less. */
    static final int DEFAULT_MEMORY_MIB = 2048;
    static final int MIN_MEMORY_MIB = 16;
    static final int DEFAULT_DISK_GB = 10;
    static final int MAX_DISK_GB = 1024 * 1024;
    static final String DEFAULT_FORMAT = "qcow2";
    static final String DEFAULT_NETWORK = "default";
    static final String DEFAULT_LISTEN = "127.0.0.1";
    static final String UNKNOWN = "unknown";
    static final Set<String> FORMATS = Set.of("qcow", "qcow2", "qed", "raw", "vmdk", "vpc");
    static final Set<String> GRAPHICS = Set.of("vnc", "spice");
    /** Pools whose volumes are the LUNs a storage server offers: a template's disk there names one. */
    static final Set<String> LUN_POOL_TYPES = Set.of("scsi", "iscsi");
    static final Set<String> STREAM_SCHEMES = MediaUrls.STREAM_SCHEMES;
    static final List<String> POOL_URI_PREFIXES = List.of("/plugins/kimchi/storagepools/", "/api/storagepools/");

    private static final Pattern OS_WORD = Pattern.compile("[A-Za-z0-9._+ -]{1,64}");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    /** Dotted IPv4 without leading zeros (which C parsers read as octal). */
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final HostFacts host;
    private final String defaultPool;

    TemplateRules(HostFacts host, String defaultPool) {
        this.host = host;
        this.defaultPool = defaultPool;
    }

    /** The settings of a new template; the name is checked by the caller. */
    TemplateSettings create(TemplateRequest request) {
        if (request.sourceMedia() == null) {
            throw new VireoException(ErrorCode.MISSING_FIELD, "source_media");
        }
        Media media = media(request.sourceMedia());
        String cdrom = request.cdrom() != null ? cdrom(request.cdrom()) : media.cdrom();
        List<TemplateDisk> disks = request.disks() != null ? disks(request.disks())
                : List.of(media.base() == null
                        ? new TemplateDisk(0, DEFAULT_DISK_GB, null, DEFAULT_FORMAT, defaultPool())
                        : new TemplateDisk(0, null, media.base().name(), DEFAULT_FORMAT, media.base().pool()));
        int defaultMib = defaultMemoryMib();
        int[] memory = memory(request.memory() != null ? request.memory()
                : new TemplateRequest.Memory(defaultMib, null), defaultMib, defaultMib, true);
        CpuRules.Cpu cpu = CpuRules.resolve(request.cpuInfo());
        return new TemplateSettings(
                request.folder() == null ? List.of() : folder(request.folder()),
                request.icon() == null ? null : icon(request.icon()),
                request.osDistro() == null ? media.distro().osDistro() : osWord("os_distro", request.osDistro()),
                request.osVersion() == null ? media.distro().osVersion() : osWord("os_version", request.osVersion()),
                memory[0], memory[1], cdrom,
                networks(request.networks() == null ? List.of(DEFAULT_NETWORK) : request.networks()),
                disks,
                request.graphics() == null ? new TemplateSettings.Graphics("vnc", DEFAULT_LISTEN)
                        : graphics(request.graphics()),
                cpu.vcpus(), cpu.maxVcpus(), cpu.topology());
    }

    /** The settings after a change: the fields the request names replace the current ones. */
    TemplateSettings update(TemplateSettings current, TemplateRequest request) {
        if (request.sourceMedia() != null) {
            throw new VireoException(ErrorCode.INVALID_MEDIA, "source_media is given when a template is created; "
                    + "change cdrom or disks instead");
        }
        int[] memory = request.memory() == null ? new int[] {current.memoryMib(), current.maxMemoryMib()}
                : memory(request.memory(), current.memoryMib(), current.maxMemoryMib(), false);
        CpuRules.Cpu cpu = request.cpuInfo() == null
                ? new CpuRules.Cpu(current.vcpus(), current.maxVcpus(), current.topology())
                : CpuRules.resolve(request.cpuInfo());
        return new TemplateSettings(
                request.folder() == null ? current.folder() : folder(request.folder()),
                request.icon() == null ? current.icon() : icon(request.icon()),
                request.osDistro() == null ? current.osDistro() : osWord("os_distro", request.osDistro()),
                request.osVersion() == null ? current.osVersion() : osWord("os_version", request.osVersion()),
                memory[0], memory[1],
                request.cdrom() == null ? current.cdrom() : cdrom(request.cdrom()),
                request.networks() == null ? current.networks() : networks(request.networks()),
                request.disks() == null ? current.disks() : disks(request.disks()),
                request.graphics() == null ? current.graphics() : graphics(request.graphics()),
                cpu.vcpus(), cpu.maxVcpus(), cpu.topology());
    }

    /** The pool named by a name or a pool URI. */
    static String poolName(String nameOrUri) {
        String name = nameOrUri;
        for (String prefix : POOL_URI_PREFIXES) {
            if (name.startsWith(prefix)) {
                name = name.substring(prefix.length());
            }
        }
        return ResourceName.require("storage pool", name);
    }

    /** What the source media gives a template: a CD-ROM or a base disk, and the OS it holds. */
    private record Media(String cdrom, VolumeSummary base, Distro distro) {
    }

    private Media media(TemplateRequest.SourceMedia media) {
        String type = media.type();
        if ("netboot".equals(type)) {
            if (media.path() != null) {
                throw new VireoException(ErrorCode.INVALID_MEDIA, "netboot takes no path, got '" + media.path() + "'");
            }
            return new Media(null, null, Distro.UNKNOWN);
        }
        if (!"disk".equals(type)) {
            throw new VireoException(ErrorCode.INVALID_MEDIA, "type must be netboot or disk, not '" + type + "'");
        }
        if (media.path() == null || media.path().isBlank()) {
            throw new VireoException(ErrorCode.INVALID_MEDIA, "a disk source needs a path");
        }
        if (isStreamUrl(media.path())) {
            return new Media(media.path(), null, Distro.UNKNOWN);
        }
        VolumeSummary volume = volumeAt(media.path());
        return "iso".equals(volume.format())
                ? new Media(volume.path(), null, host.distroOf(volume.path()))
                : new Media(null, volume, Distro.UNKNOWN);
    }

    private String cdrom(String cdrom) {
        if (isStreamUrl(cdrom)) {
            return cdrom;
        }
        VolumeSummary volume = volumeAt(cdrom);
        if (!"iso".equals(volume.format())) {
            throw new VireoException(ErrorCode.INVALID_MEDIA, cdrom + " is a " + volume.format() + " volume, not an ISO");
        }
        return volume.path();
    }

    private VolumeSummary volumeAt(String path) {
        if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")) {
            throw new VireoException(ErrorCode.INVALID_MEDIA, "'" + path + "' is neither an absolute path nor a "
                    + String.join("/", STREAM_SCHEMES.stream().sorted().toList()) + " URL");
        }
        return host.volumeAt(path).or(() -> host.fileAt(path)).orElseThrow(() ->
                new VireoException(ErrorCode.INVALID_MEDIA, "no storage pool of the host holds a volume at " + path));
    }

    static boolean isStreamUrl(String value) {
        return MediaUrls.isStreamUrl(value);
    }

    private int[] memory(TemplateRequest.Memory memory, int currentMib, int maxMib, boolean creating) {
        Integer current = memory.current();
        Integer max = memory.maxmemory();
        if (current == null && max == null) {
            throw new VireoException(ErrorCode.INVALID_MEMORY, "give current, maxmemory or both (MiB)");
        }
        int newCurrent = current != null ? current : creating ? Math.min(defaultMemoryMib(), max) : currentMib;
        int newMax = max != null ? max : Math.max(newCurrent, creating ? newCurrent : maxMib);
        if (newCurrent < MIN_MEMORY_MIB) {
            throw new VireoException(ErrorCode.INVALID_MEMORY, "current is " + newCurrent + " MiB, at least "
                    + MIN_MEMORY_MIB + " MiB are needed");
        }
        if (newMax < newCurrent) {
            throw new VireoException(ErrorCode.INVALID_MEMORY, "maxmemory (" + newMax + " MiB) is below current ("
                    + newCurrent + " MiB)");
        }
        if (newMax > host.memoryMib()) {
            throw new VireoException(ErrorCode.INVALID_MEMORY, "maxmemory (" + newMax + " MiB) exceeds the host's "
                    + host.memoryMib() + " MiB");
        }
        return new int[] {newCurrent, newMax};
    }

    private int defaultMemoryMib() {
        return (int) Math.min(DEFAULT_MEMORY_MIB, host.memoryMib());
    }

    private List<String> networks(List<String> networks) {
        List<String> checked = new ArrayList<>();
        for (String network : networks) {
            ResourceName.require("network", network);
            if (!host.networks().contains(network)) {
                throw new VireoException(ErrorCode.UNKNOWN_NETWORK, network);
            }
            if (checked.contains(network)) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "networks", network + " is listed twice");
            }
            checked.add(network);
        }
        return List.copyOf(checked);
    }

    private List<TemplateDisk> disks(List<TemplateRequest.Disk> requested) {
        List<TemplateDisk> disks = new ArrayList<>();
        Set<Integer> indexes = new HashSet<>();
        for (int position = 0; position < requested.size(); position++) {
            TemplateRequest.Disk disk = requested.get(position);
            if (disk == null) {
                throw new VireoException(ErrorCode.INVALID_DISK, position, "a disk is an object, not null");
            }
            int index = disk.index() != null ? disk.index() : position;
            if (index < 0 || !indexes.add(index)) {
                throw new VireoException(ErrorCode.INVALID_DISK, index, "indexes must be distinct and not negative");
            }
            String format = disk.format() != null ? disk.format() : DEFAULT_FORMAT;
            if (!FORMATS.contains(format)) {
                throw new VireoException(ErrorCode.INVALID_DISK, index, "format '" + format + "' is not one of "
                        + FORMATS.stream().sorted().toList());
            }
            String pool = disk.pool() == null || disk.pool().name() == null ? defaultPool() : pool(disk.pool().name());
            if (disk.volume() != null) {
                ResourceName.require("storage volume", disk.volume());
                if (!host.volumeExists(pool, disk.volume())) {
                    throw new VireoException(ErrorCode.INVALID_DISK, index, "storage pool " + pool
                            + " has no volume " + disk.volume());
                }
                disks.add(new TemplateDisk(index, null, disk.volume(), format, pool));
            } else {
                if (LUN_POOL_TYPES.contains(host.pools().get(pool).type())) {
                    throw new VireoException(ErrorCode.INVALID_DISK, index, "storage pool " + pool + " is a "
                            + host.pools().get(pool).type() + " pool of LUNs, where no new volume can be made: name one"
                            + " of its volumes in volume");
                }
                int size = disk.size() != null ? disk.size() : DEFAULT_DISK_GB;
                if (size < 1 || size > MAX_DISK_GB) {
                    throw new VireoException(ErrorCode.INVALID_DISK, index, "size must lie between 1 and " + MAX_DISK_GB
                            + " GB, not " + size);
                }
                disks.add(new TemplateDisk(index, size, null, format, pool));
            }
        }
        if (disks.isEmpty()) {
            throw new VireoException(ErrorCode.INVALID_DISK, "list", "a template needs at least one disk");
        }
        return List.copyOf(disks);
    }

    private String defaultPool() {
        return pool(defaultPool);
    }

    private String pool(String nameOrUri) {
        String name = poolName(nameOrUri);
        if (!host.pools().containsKey(name)) {
            throw new VireoException(ErrorCode.UNKNOWN_POOL, name);
        }
        return name;
    }

    private static TemplateSettings.Graphics graphics(TemplateRequest.Graphics graphics) {
        if (graphics.type() == null) {
            return null;
        }
        String type = graphics.type().toLowerCase(Locale.ROOT);
        if (!GRAPHICS.contains(type)) {
            throw new VireoException(ErrorCode.INVALID_GRAPHICS, "type must be vnc, spice or null, not '"
                    + graphics.type() + "'");
        }
        String listen = graphics.listen() != null ? graphics.listen() : DEFAULT_LISTEN;
        if (!IPV4.matcher(listen).matches() && !isIpv6(listen)) {
            throw new VireoException(ErrorCode.INVALID_GRAPHICS, "listen must be an IP address, not '" + listen + "'");
        }
        return new TemplateSettings.Graphics(type, listen);
    }

    private static boolean isIpv6(String literal) {
        if (!IPV6_CHARACTERS.matcher(literal).matches()) {
            return false;
        }
        try {
            // a string with ':' is parsed as an IPv6 literal, never looked up in DNS
            return java.net.InetAddress.getByName(literal) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> folder(List<String> folder) {
        for (String component : folder) {
            if (component == null || component.isBlank() || component.length() > 64 || component.contains("/")) {
                throw new VireoException(ErrorCode.INVALID_VALUE, "folder",
                        "components are 1 to 64 characters without '/', not '" + component + "'");
            }
        }
        return List.copyOf(folder);
    }

    private static String icon(String icon) {
        if (icon.length() > 1000 || icon.chars().anyMatch(Character::isWhitespace)) {
            throw new VireoException(ErrorCode.INVALID_VALUE, "icon", "a URI of at most 1000 characters without spaces, not '"
                    + (icon.length() > 80 ? icon.substring(0, 80) + "…" : icon) + "'");
        }
        return icon;
    }

    private static String osWord(String field, String value) {
        if (!OS_WORD.matcher(value).matches()) {
            throw new VireoException(ErrorCode.INVALID_VALUE, field,
                    "1 to 64 letters, digits, spaces or . _ + -, not '" + value + "'");
        }
        return value;
    }

    static Optional<String> pathOf(String cdrom) {
        return cdrom == null || isStreamUrl(cdrom) ? Optional.empty() : Optional.of(cdrom);
    }
}
