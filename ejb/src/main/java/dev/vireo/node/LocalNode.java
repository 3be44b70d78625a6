package dev.vireo.node;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This server among several. */
public final class LocalNode {

    private static final String NAME = nameOfThisServer();

    private LocalNode() {
    }

    /** This server's name among several: WildFly's {@code jboss.node.name} (by default the host's name). */
    public static String name() {
        return NAME;
    }

    private static String nameOfThisServer() {
        String configured = System.getProperty("jboss.node.name");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
