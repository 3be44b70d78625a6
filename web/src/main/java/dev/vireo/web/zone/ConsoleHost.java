package dev.vireo.web.zone;

import dev.vireo.libvirt.HostRef;
import dev.vireo.zone.NamedHost;
import dev.vireo.zone.RequestHost;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/**
 * The host a console page (storage, networks) works on, chosen in its host select: the console's
 * {@code ?host=}. A page's beans {@link #apply} it before they call a service, which then works on
 * that host as it would for a REST request naming it.
 */
@Named
@ViewScoped
public class ConsoleHost implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    RequestHost requestHost;

    @Inject
    NamedHost namedHost;

    private String host = HostRef.DEFAULT;

    /** Names the chosen host for the services this request calls. */
    public void apply() {
        namedHost.name(host);
    }

    public List<String> getHosts() {
        return requestHost.names();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host == null || host.isBlank() ? HostRef.DEFAULT : host;
    }
}
