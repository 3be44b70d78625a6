package dev.vireo.address;

import java.util.List;

/**
 * An address pool to create, or the attributes of one to change (null leaves one as it is).
 *
 * @param gateway the gateway its guests are told
 * @param dns     the DNS servers its guests are told, in order
 */
public record AddressPoolRequest(String name, String gateway, List<String> dns) {
}
