package dev.vireo.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineChartTest {

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void labelsCountBackFromTheNewestSample() {
        JsonObject chart = parse(LineChart.at(List.of(Instant.parse("2026-11-25T04:00:00Z"),
                Instant.parse("2026-11-25T04:12:05Z"), Instant.parse("2026-11-25T04:12:10Z"))).json());
        assertThat(chart.getJsonObject("data").getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("-12:10", "-0:05", "now");
        assertThat(parse(LineChart.every(5, 3).json()).getJsonObject("data").getJsonArray("labels")
                .getValuesAs(jakarta.json.JsonString::getString)).containsExactly("-0:10", "-0:05", "now");
    }

    @Test
    void unknownValuesStayGapsAndOthersAreAsGiven() {
        JsonObject chart = parse(LineChart.every(5, 3).percent().series("CPU %", "#000", Arrays.asList(12.345, null, 7.5)).json());
        JsonObject series = chart.getJsonObject("data").getJsonArray("datasets").getJsonObject(0);
        assertThat(series.getString("label")).isEqualTo("CPU %");
        assertThat(series.getJsonArray("data").toString()).isEqualTo("[12.345,null,7.5]");
        assertThat(chart.getJsonObject("options").getJsonObject("scales").getJsonObject("y").getInt("max")).isEqualTo(100);
        assertThat(parse(LineChart.every(5, 0).json()).getJsonObject("options").getJsonObject("scales").getJsonObject("y")
                .containsKey("max")).isFalse();
    }

    @Test
    void labelledChartsKeepTheirLabelsAndMarkTheirValues() {
        JsonObject chart = parse(LineChart.labelled(List.of("12-02", "12-03")).markers()
                .series("clone", "#000", Arrays.asList(null, 1.5)).json());
        assertThat(chart.getJsonObject("data").getJsonArray("labels").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("12-02", "12-03");
        assertThat(chart.getJsonObject("options").getJsonObject("elements").getJsonObject("point").getInt("radius"))
                .isPositive();
        assertThat(parse(LineChart.every(5, 2).json()).getJsonObject("options").getJsonObject("elements")
                .getJsonObject("point").getInt("radius")).isZero();
    }
}
