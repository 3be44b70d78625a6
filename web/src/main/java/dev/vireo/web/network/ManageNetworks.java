package dev.vireo.web.network;

import dev.vireo.error.VireoException;
import dev.vireo.network.NetworkRequest;
import dev.vireo.network.NetworkService;
import dev.vireo.network.NetworkView;
import dev.vireo.web.console.FacesErrors;
import dev.vireo.web.zone.ConsoleHost;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Virtual networks: list, create, activate, deactivate, delete. */
@Named
@ViewScoped
public class ManageNetworks implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    NetworkService networks;

    @Inject
    ConsoleHost consoleHost;

    private String name;
    private String connection = "nat";
    private String subnet;

    public List<NetworkView> getNetworks() {
        consoleHost.apply();
        try {
            return networks.list();
        } catch (VireoException e) {
            FacesErrors.show(e);
            return List.of();
        }
    }

    public void create() {
        consoleHost.apply();
        try {
            NetworkView created = networks.create(new NetworkRequest(name, connection,
                    subnet == null || subnet.isBlank() ? null : subnet, null, null));
            FacesErrors.info("Network " + created.name() + " created");
            name = null;
            subnet = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-network");
        }
    }

    public void activate(String network, boolean active) {
        consoleHost.apply();
        try {
            if (active) {
                networks.activate(network);
            } else {
                networks.deactivate(network);
            }
            FacesErrors.info("Network " + network + (active ? " activated" : " deactivated"));
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void delete(String network) {
        consoleHost.apply();
        try {
            networks.delete(network);
            FacesErrors.info("Network " + network + " deleted");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getConnection() { return connection; }
    public void setConnection(String connection) { this.connection = connection; }
    public String getSubnet() { return subnet; }
    public void setSubnet(String subnet) { this.subnet = subnet; }
}
