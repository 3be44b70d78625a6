package dev.vireo.host;

import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostConnections;
import dev.vireo.security.Permission;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The host's Open vSwitch bridges. */
@Stateless
@RolesAllowed(Permission.HOST_READ)
public class OvsBridgeService {

    private static final Logger LOG = Logger.getLogger(OvsBridgeService.class.getName());

    @EJB
    HostConnections hosts;

    /** The bridges' names; none where Open vSwitch is not installed or its database is not running. */
    public List<String> bridges() {
        LocalMachine.require(hosts.local().ref(), "Open vSwitch bridges");
        try {
            // --timeout: without it ovs-vsctl waits forever for a database that is not running
            return HostCommand.run("the Open vSwitch bridges", "ovs-vsctl", "--timeout=5", "list-br")
                    .map(OvsBridgeService::lines).orElse(List.of());
        } catch (VireoException e) {
            LOG.log(Level.FINE, "Open vSwitch is installed but not answering: {0}", e.reason());
            return List.of();
        }
    }

    static List<String> lines(String output) {
        return output.lines().map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
    }
}
