package dev.vireo.host;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Reads the counters of /proc/stat, /proc/meminfo, /proc/diskstats and /proc/net/dev. */
final class ProcParser {

    /** /proc/diskstats counts 512-byte sectors whatever the device's sector size. */
    private static final long SECTOR = 512;

    private ProcParser() {
    }

    /** From /proc/stat's first line: {busy, total} jiffies of all CPUs. */
    static long[] cpu(String stat) {
        String line = stat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("/proc/stat has no cpu line"));
        String[] fields = line.trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is already inside user)
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new long[] {total - idle, total};
    }

    /** /proc/meminfo in bytes. */
    static HostStatsView.Memory memory(String meminfo) {
        Map<String, Long> values = new HashMap<>();
        for (String line : meminfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String[] amount = line.substring(colon + 1).trim().split("\\s+");
                long value = Long.parseLong(amount[0]);
                values.put(line.substring(0, colon), amount.length > 1 && "kB".equals(amount[1]) ? value * 1024 : value);
            }
        }
        long free = values.getOrDefault("MemFree", 0L);
        long cached = values.getOrDefault("Cached", 0L);
        long buffers = values.getOrDefault("Buffers", 0L);
        // MemAvailable exists since Linux 3.14; before, free + cache is the usual estimate
        long available = values.getOrDefault("MemAvailable", free + cached + buffers);
        return new HostStatsView.Memory(values.getOrDefault("MemTotal", 0L), free, cached, buffers, available);
    }

    /** {read, written} bytes of the whole disks named in {@code disks}. */
    static long[] disks(String diskstats, Set<String> disks) {
        long read = 0;
        long written = 0;
        for (String line : diskstats.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 10 && disks.contains(fields[2])) {
                read += Long.parseLong(fields[5]) * SECTOR;
                written += Long.parseLong(fields[9]) * SECTOR;
            }
        }
        return new long[] {read, written};
    }

    /** {received, sent} bytes of every interface but the loopback. */
    static long[] network(String netdev) {
        long received = 0;
        long sent = 0;
        for (String line : netdev.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String[] fields = line.substring(colon + 1).trim().split("\\s+");
            if (!"lo".equals(name) && fields.length >= 9) {
                received += Long.parseLong(fields[0]);
                sent += Long.parseLong(fields[8]);
            }
        }
        return new long[] {received, sent};
    }
}
