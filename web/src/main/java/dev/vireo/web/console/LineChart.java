package dev.vireo.web.console;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The console's line charts of the last hour as Chart.js configurations (what {@code p:chart}
 * takes): labels that count back from the newest sample, one series per measure, no animation and
 * no point markers so that a chart redrawn every few seconds stays calm.
 */
public final class LineChart {

    private final JsonArrayBuilder labels;
    private final JsonArrayBuilder series = Json.createArrayBuilder();
    private final JsonObjectBuilder y = Json.createObjectBuilder().add("min", 0);
    private int pointRadius;

    private LineChart(JsonArrayBuilder labels) {
        this.labels = labels;
    }

    /** A chart of samples taken at these times, oldest first. */
    public static LineChart at(List<Instant> times) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        Instant newest = times.isEmpty() ? null : times.get(times.size() - 1);
        for (Instant time : times) {
            labels.add(label(Duration.between(time, newest).toSeconds()));
        }
        return new LineChart(labels);
    }

    /** A chart of values under these labels (days, …), in their order. */
    public static LineChart labelled(List<String> names) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        names.forEach(labels::add);
        return new LineChart(labels);
    }

    /** A chart of {@code samples} samples taken every {@code seconds}, the last one now. */
    public static LineChart every(int seconds, int samples) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        for (int i = 0; i < samples; i++) {
            labels.add(label((long) (samples - 1 - i) * seconds));
        }
        return new LineChart(labels);
    }

    /** "-12:05" … "now": minutes and seconds before the newest sample. */
    static String label(long secondsAgo) {
        return secondsAgo == 0 ? "now" : String.format("-%d:%02d", secondsAgo / 60, secondsAgo % 60);
    }

    /** A measure, one value per sample (null: not known then), as the API gives it. */
    public LineChart series(String label, String color, List<Double> values) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        for (Double value : values) {
            if (value == null) {
                points.addNull();
            } else {
                points.add(value);
            }
        }
        series.add(Json.createObjectBuilder().add("label", label).add("borderColor", color).add("backgroundColor", color)
                .add("borderWidth", 1.5).add("data", points));
        return this;
    }

    /** A percentage chart: the axis ends at 100. */
    public LineChart percent() {
        y.add("max", 100);
        return this;
    }

    /** Marks each value with a point: for sparse series, where a lone value would draw no line. */
    public LineChart markers() {
        pointRadius = 3;
        return this;
    }

    public String json() {
        return Json.createObjectBuilder()
                .add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", series))
                .add("options", Json.createObjectBuilder()
                        .add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("elements", Json.createObjectBuilder().add("point", Json.createObjectBuilder().add("radius", pointRadius)))
                        .add("scales", Json.createObjectBuilder().add("y", y)))
                .build().toString();
    }
}
