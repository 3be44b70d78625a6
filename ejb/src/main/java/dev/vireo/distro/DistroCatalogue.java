package dev.vireo.distro;

import dev.vireo.validation.MediaUrls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Kimchi's catalogue of install media, in its {@code distros.d} format: sections named as the
 * distribution ({@code [Fedora 41]}) with {@code os_distro}, {@code os_version}, {@code os_arch}
 * and {@code path} (a URL QEMU streams). Vireo ships one; files {@code *.distros} of a directory
 * add to it and replace entries of the same name. An entry that lacks a field, or whose path is
 * no streamable URL, is left out and named in the log.
 */
public final class DistroCatalogue {

    private static final Logger LOG = Logger.getLogger(DistroCatalogue.class.getName());
    private static final String SHIPPED = "/dev/vireo/distro/default.distros";
    private static final List<String> FIELDS = List.of("os_distro", "os_version", "os_arch", "path");
    /** Architectures that run each other's installers (as Kimchi groups them). */
    private static final List<Set<String>> FAMILIES = List.of(
            Set.of("x86_64", "amd64", "i686", "i386", "x86"),
            Set.of("aarch64", "arm64"),
            Set.of("ppc64", "ppc64le"),
            Set.of("s390x"));

    private DistroCatalogue() {
    }

    /** The shipped catalogue, with the entries of {@code directory}'s files (null: none) added or replacing. */
    public static List<DistroView> read(Path directory) {
        Map<String, DistroView> entries = new LinkedHashMap<>();
        try (InputStream shipped = DistroCatalogue.class.getResourceAsStream(SHIPPED)) {
            parse(new InputStreamReader(shipped, StandardCharsets.UTF_8), SHIPPED)
                    .forEach(entry -> entries.put(entry.name(), entry));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (directory != null && Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".distros")).sorted().toList()) {
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        parse(reader, file.toString()).forEach(entry -> entries.put(entry.name(), entry));
                    }
                }
            } catch (IOException e) {
                LOG.warning("Cannot read the distribution catalogue in " + directory + ": " + e.getMessage());
            }
        }
        return List.copyOf(entries.values());
    }

    /** Whether an installer for {@code arch} runs on a host of {@code hostArch}. */
    public static boolean runsOn(String arch, String hostArch) {
        if (arch.equals(hostArch)) {
            return true;
        }
        return FAMILIES.stream().anyMatch(family -> family.contains(arch) && family.contains(hostArch));
    }

    static List<DistroView> parse(Reader source, String origin) throws IOException {
        List<DistroView> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        String section = null;
        Map<String, String> fields = new LinkedHashMap<>();
        String line;
        while ((line = reader.readLine()) != null) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#") || text.startsWith(";")) {
                continue;
            }
            if (text.startsWith("[") && text.endsWith("]")) {
                add(entries, section, fields, origin);
                section = text.substring(1, text.length() - 1).strip();
                fields = new LinkedHashMap<>();
            } else if (text.contains("=") && section != null) {
                int equals = text.indexOf('=');
                fields.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
            } else {
                LOG.warning(origin + ": ignoring the line '" + text + "'");
            }
        }
        add(entries, section, fields, origin);
        return entries;
    }

    private static void add(List<DistroView> entries, String name, Map<String, String> fields, String origin) {
        if (name == null) {
            return;
        }
        List<String> missing = FIELDS.stream().filter(f -> fields.getOrDefault(f, "").isEmpty()).toList();
        if (!DistroNames.valid(name) || !missing.isEmpty() || !MediaUrls.isStreamUrl(fields.get("path"))) {
            LOG.warning(origin + ": leaving out the distribution [" + name + "]: "
                    + (!DistroNames.valid(name) ? "its name is not 1 to 128 characters without '/'"
                    : !missing.isEmpty() ? "it lacks " + missing : "its path is no http(s)/ftp(s)/tftp URL"));
            return;
        }
        entries.add(new DistroView(name, fields.get("os_distro"), fields.get("os_version"), fields.get("os_arch"),
                fields.get("path")));
    }
}
