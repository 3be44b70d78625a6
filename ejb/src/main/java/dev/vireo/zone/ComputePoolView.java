package dev.vireo.zone;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.List;

/**
 * A compute pool as the API shows it.
 *
 * @param cells how many hosts it holds (Nano's count)
 * @param hosts their names
 * @param addressPool the address pool its guests' NICs get their addresses from, or null
 * @param unattached the cells that lack the pool's storage pool or network (or have it inactive), and why;
 *                   null where not looked at (the list of pools, which asks no host)
 */
public record ComputePoolView(String name, boolean enabled, int cells, List<String> hosts, String storage,
                              String network, String networkMode, boolean failover,
                              @JsonbProperty("default") boolean defaultPool,
                              List<CellResources.Unattached> unattached, String addressPool) {
}
