package dev.vireo.network;

import java.util.List;

/** A network to create, as the Kimchi API names the fields. */
public record NetworkRequest(String name, String connection, String subnet, List<String> interfaces, Integer vlanId) {
}
