package dev.vireo.web.network;

import dev.vireo.network.NetworkRequest;
import dev.vireo.network.NetworkService;
import dev.vireo.network.NetworkUpdate;
import dev.vireo.network.NetworkView;
import dev.vireo.web.ActionBody;
import dev.vireo.web.zone.HostParameter;
import dev.vireo.libvirt.DhcpHost;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("/networks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Networks")
public class NetworkResource {

    @EJB
    NetworkService networks;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The host's networks, with the VMs on each")
    public List<NetworkView> list() {
        return networks.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a network (isolated or nat on a given or free subnet, DHCP from .2; bridge, macvtap, "
            + "vepa or passthrough over host interfaces, a bridge over a NIC VLAN-tagged with vlan_id); 201")
    public Response create(NetworkRequest request) {
        ActionBody.required(request);
        NetworkView created = networks.create(request);
        return Response.created(HostParameter.sameHost(uri.getAbsolutePathBuilder().path(created.name()), uri).build())
                .entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One network")
    public NetworkView get(@PathParam("name") String name) {
        return networks.get(name);
    }

    @GET
    @Path("{name}/dhcp_hosts")
    @Operation(summary = "The network's DHCP host entries (mac, ip, name), as libvirt has them; address pools write them")
    public List<DhcpHost> dhcpHosts(@PathParam("name") String name) {
        return networks.dhcpHosts(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an inactive network: name (303 to the new URI), subnet (nat, isolated), interfaces "
            + "and vlan_id (bridge, macvtap, vepa, passthrough); never its connection; 409 while it is active")
    public Response update(@PathParam("name") String name, NetworkUpdate request) {
        ActionBody.required(request);
        NetworkView updated = networks.update(name, request);
        return updated.name().equals(name) ? Response.ok(updated).build()
                : Response.seeOther(HostParameter.sameHost(uri.getBaseUriBuilder().path(NetworkResource.class)
                        .path(updated.name()), uri).build())
                        .entity(updated).build();
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove a network; 409 while a VM has an interface on it")
    public Response delete(@PathParam("name") String name) {
        networks.delete(name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/activate")
    @Operation(summary = "Start a network")
    public NetworkView activate(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return networks.activate(name);
    }

    @POST
    @Path("{name}/deactivate")
    @Operation(summary = "Stop a network; 409 while running VMs use it")
    public NetworkView deactivate(@PathParam("name") String name, String body) {
        ActionBody.requireNoParameters(body);
        return networks.deactivate(name);
    }
}
