package dev.vireo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The collections a server's unified GC log ({@code -Xlog:gc:file=…}) records, summed. */
final class GcLog {

    /** E.g. {@code [3.210s][info][gc] GC(7) Pause Young (Allocation Failure) 40M->12M(61M) 4.321ms}. */
    private static final Pattern PAUSE = Pattern.compile("GC\\(\\d+\\) Pause (Young|Full)\\b.* (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    record Totals(int young, int full, double pauseMillis, long heapAfterMiB, long heapMiB) {
    }

    private GcLog() {
    }

    static Totals read(Path log) throws IOException {
        int young = 0;
        int full = 0;
        double paused = 0;
        long after = 0;
        long heap = 0;
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                Matcher pause = PAUSE.matcher(line);
                if (pause.find()) {
                    if (pause.group(1).equals("Young")) {
                        young++;
                    } else {
                        full++;
                    }
                    after = Long.parseLong(pause.group(3));
                    heap = Long.parseLong(pause.group(4));
                    paused += Double.parseDouble(pause.group(5));
                }
            }
        }
        return new Totals(young, full, paused, after, heap);
    }
}
