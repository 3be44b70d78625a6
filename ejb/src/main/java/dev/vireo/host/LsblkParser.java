package dev.vireo.host;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tree that {@code lsblk --json --bytes -o } {@link #COLUMNS} prints. */
final class LsblkParser {

    static final String COLUMNS = "NAME,KNAME,PATH,TYPE,FSTYPE,SIZE,MOUNTPOINT,PARTTYPE";

    private LsblkParser() {
    }

    /** Every device once, in lsblk's order (a device under several parents, as in multipath, too). */
    static List<BlockDevice> parse(String json) {
        Map<String, BlockDevice> devices = new LinkedHashMap<>();
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject root = reader.readObject();
            collect(root.getJsonArray("blockdevices"), devices);
        }
        return new ArrayList<>(devices.values());
    }

    private static void collect(JsonArray array, Map<String, BlockDevice> devices) {
        if (array == null) {
            return;
        }
        for (JsonValue value : array) {
            JsonObject device = value.asJsonObject();
            JsonArray children = device.containsKey("children") && !device.isNull("children")
                    ? device.getJsonArray("children") : null;
            String name = string(device, "name");
            String kname = string(device, "kname");
            String path = string(device, "path");
            devices.putIfAbsent(name, new BlockDevice(name, path != null ? path : "/dev/" + (kname != null ? kname : name),
                    string(device, "type"), string(device, "fstype"), size(device), string(device, "mountpoint"),
                    string(device, "parttype"), children == null || children.isEmpty()));
            collect(children, devices);
        }
    }

    private static String string(JsonObject object, String key) {
        if (!object.containsKey(key) || object.isNull(key)) {
            return null;
        }
        JsonValue value = object.get(key);
        String text = value.getValueType() == JsonValue.ValueType.STRING
                ? object.getString(key) : value.toString();
        return text.isEmpty() ? null : text;
    }

    /** A number since util-linux 2.33, a string before it. */
    private static long size(JsonObject device) {
        String size = string(device, "size");
        return size == null ? 0 : Long.parseLong(size);
    }
}
