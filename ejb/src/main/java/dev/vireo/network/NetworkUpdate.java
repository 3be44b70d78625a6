package dev.vireo.network;

import java.util.List;

/**
 * Changes to a network, as the Kimchi API names them; null leaves a field as it is. {@code connection}
 * is accepted only to refuse a change of it clearly.
 */
public record NetworkUpdate(String name, String connection, String subnet, List<String> interfaces, Integer vlanId) {
}
