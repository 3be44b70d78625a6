package dev.vireo.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One scrape of {@code /metrics} on the management port, read as Prometheus reads its text format.
 * WildFly labels every series of Vireo's with {@value #DEPLOYMENT}; it is left out of the keys.
 */
final class PrometheusScrape {

    static final String DEPLOYMENT = "WF_DEPLOYMENT=\"vireo.ear\"";

    private final Map<String, Double> samples = new HashMap<>();
    private final String text;

    private PrometheusScrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space).replace("{" + DEPLOYMENT + "}", "").replace(DEPLOYMENT + ",", "");
            samples.put(series, Double.valueOf(line.substring(space + 1)));
        }
    }

    /** Scrapes the server under test as Prometheus does: no credentials, text format. */
    static PrometheusScrape now() {
        var response = given().baseUri(Vireo.MANAGEMENT).accept("text/plain").get("/metrics");
        // WildFly 39 sends it without a Content-Type (Prometheus 3 then needs fallback_scrape_protocol)
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusScrape(response.asString());
    }

    /** The sample {@code series} exactly as written, e.g. {@code vireo_vms{host="local",state="running"}}. */
    OptionalDouble value(String series) {
        Double value = samples.get(series);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The sample's value, 0 when the series is not there (yet). */
    double valueOrZero(String series) {
        return value(series).orElse(0);
    }

    String text() {
        return text;
    }
}
