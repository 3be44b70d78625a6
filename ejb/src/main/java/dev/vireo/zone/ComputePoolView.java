package dev.vireo.zone;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * A compute pool as the API shows it.
 *
 * @param cells how many hosts it holds (Nano's count)
 * @param hosts their names
 */
public record ComputePoolView(String name, boolean enabled, int cells, List<String> hosts, String storage,
                              String network, String networkMode, boolean failover,
                              @JsonbProperty("default") boolean defaultPool) {
}
