package dev.vireo.web.vm;

import dev.vireo.vm.VmStatsHistory;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A VM's last hour as two Chart.js line charts (as the dashboard draws the host's): CPU and
 * memory in percent, network and disk in KiB/s. Labels count back from the newest sample.
 */
final class VmCharts {

    private VmCharts() {
    }

    static String percent(VmStatsHistory history) {
        return chart(history, Json.createArrayBuilder()
                        .add(dataset("CPU %", "#1e6b52", history.cpuUtilization()))
                        .add(dataset("Memory %", "#3b6fb6", history.memUtilization())),
                Json.createObjectBuilder().add("min", 0).add("max", 100));
    }

    static String throughput(VmStatsHistory history) {
        return chart(history, Json.createArrayBuilder()
                        .add(dataset("Network KiB/s", "#b26a00", history.netThroughput()))
                        .add(dataset("Disk KiB/s", "#7b3fa0", history.ioThroughput())),
                Json.createObjectBuilder().add("min", 0));
    }

    private static String chart(VmStatsHistory history, JsonArrayBuilder datasets, JsonObjectBuilder y) {
        return Json.createObjectBuilder()
                .add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels(history.timestamps())).add("datasets", datasets))
                .add("options", Json.createObjectBuilder()
                        .add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("elements", Json.createObjectBuilder().add("point", Json.createObjectBuilder().add("radius", 0)))
                        .add("scales", Json.createObjectBuilder().add("y", y)))
                .build().toString();
    }

    /** "-12:05" … "now": minutes and seconds before the newest sample. */
    static JsonArrayBuilder labels(List<Instant> times) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        Instant newest = times.isEmpty() ? null : times.get(times.size() - 1);
        for (Instant time : times) {
            long secondsAgo = Duration.between(time, newest).toSeconds();
            labels.add(secondsAgo == 0 ? "now" : String.format("-%d:%02d", secondsAgo / 60, secondsAgo % 60));
        }
        return labels;
    }

    private static JsonObjectBuilder dataset(String label, String color, List<Double> values) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        values.forEach(points::add);
        return Json.createObjectBuilder().add("label", label).add("borderColor", color).add("backgroundColor", color)
                .add("borderWidth", 1.5).add("data", points);
    }
}
