package dev.vireo.host;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LVM's JSON reports ({@code vgs|pvs|lvs --reportformat json --units b --nosuffix -o …}):
 * {@code {"report": [{"vg": [{"vg_name": "vg0", …}]}]}}.
 */
final class LvmParser {

    /** A volume group; sizes in bytes. */
    record Vg(String name, long size, long free) {
    }

    /** A physical or logical volume and its volume group (empty for a PV in none). */
    record Member(String name, String vg) {
    }

    private LvmParser() {
    }

    static List<Vg> vgs(String json) {
        return rows(json, "vg").stream().map(row -> new Vg(row.getString("vg_name", ""), bytes(row.getString("vg_size", "0")),
                bytes(row.getString("vg_free", "0")))).toList();
    }

    static List<Member> pvs(String json) {
        return rows(json, "pv").stream().map(row -> new Member(row.getString("pv_name", ""), row.getString("vg_name", "")))
                .toList();
    }

    static List<Member> lvs(String json) {
        return rows(json, "lv").stream().map(row -> new Member(row.getString("lv_name", ""), row.getString("vg_name", "")))
                .toList();
    }

    private static List<JsonObject> rows(String json, String kind) {
        List<JsonObject> rows = new ArrayList<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonArray reports = reader.readObject().getJsonArray("report");
            for (JsonValue report : reports == null ? List.<JsonValue>of() : reports) {
                JsonArray kindRows = report.asJsonObject().getJsonArray(kind);
                if (kindRows != null) {
                    kindRows.forEach(row -> rows.add(row.asJsonObject()));
                }
            }
        }
        return rows;
    }

    /** "10737418240", or "10737418240B" when the suffix was not suppressed. */
    private static long bytes(String value) {
        String digits = value.trim();
        if (digits.endsWith("B") || digits.endsWith("b")) {
            digits = digits.substring(0, digits.length() - 1);
        }
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }
}
