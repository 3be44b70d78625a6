package dev.vireo.web.network;

import dev.vireo.error.VireoException;
import dev.vireo.network.NetworkService;
import dev.vireo.network.NetworkUpdate;
import dev.vireo.network.NetworkView;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.console.ConsoleFormat;
import dev.vireo.web.zone.ConsoleHost;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Changes a network: what the API's PUT takes (name; subnet of nat and isolated networks;
 * interfaces and VLAN of the others), sending only what the user changed. The service refuses
 * changes to an active network or a rename of one that VMs or templates use; its sentence shows.
 */
@Named
@ViewScoped
public class EditNetwork implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    NetworkService networks;

    @Inject
    ConsoleHost consoleHost;

    private NetworkView read;
    private String name;
    private String subnet;
    private String interfaces;
    private Integer vlanId;

    public void open(String network) {
        consoleHost.apply();
        try {
            read = networks.get(network);
            name = read.name();
            subnet = read.subnet();
            interfaces = String.join(", ", read.interfaces());
            vlanId = null;
        } catch (VireoException e) {
            read = null;
            FacesErrors.show(e);
        }
    }

    public void save() {
        consoleHost.apply();
        if (read == null) {
            return;
        }
        try {
            NetworkView saved = networks.update(read.name(), changes());
            FacesErrors.info("Network " + saved.name() + " saved");
            read = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "edit-network");
        }
    }

    NetworkUpdate changes() {
        List<String> nics = ConsoleFormat.list(interfaces);
        return new NetworkUpdate(
                Objects.equals(name, read.name()) ? null : name,
                null,
                isRouted() && !Objects.equals(blankToNull(subnet), read.subnet()) ? blankToNull(subnet) : null,
                isRouted() || nics.equals(read.interfaces()) ? null : nics,
                vlanId);
    }

    /** nat and isolated networks take a subnet; the others join host interfaces. */
    public boolean isRouted() {
        return read != null && ("nat".equals(read.connection()) || "isolated".equals(read.connection()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean isOpen() {
        return read != null;
    }

    public NetworkView getNetwork() {
        return read;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getSubnet() { return subnet; }
    public void setSubnet(String subnet) { this.subnet = subnet; }
    public String getInterfaces() { return interfaces; }
    public void setInterfaces(String interfaces) { this.interfaces = interfaces; }
    public Integer getVlanId() { return vlanId; }
    public void setVlanId(Integer vlanId) { this.vlanId = vlanId; }
}
