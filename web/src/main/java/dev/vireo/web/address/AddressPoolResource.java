package dev.vireo.web.address;

import dev.vireo.address.AddressPoolRequest;
import dev.vireo.address.AddressPoolService;
import dev.vireo.address.AddressPoolView;
import dev.vireo.address.AddressRangeRequest;
import dev.vireo.address.AddressRangeView;
import dev.vireo.address.AddressReservation;
import dev.vireo.address.AllocationView;
import dev.vireo.web.ActionBody;
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

/** Address pools (IPAM): IPv4 ranges that guest NICs get their addresses from, and who holds which address. */
@ApplicationScoped
@Path("/addresspools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Address pools")
public class AddressPoolResource {

    @EJB
    AddressPoolService pools;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The address pools, each with its gateway, DNS servers, size and count of allocated addresses")
    public List<AddressPoolView> list() {
        return pools.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an address pool (name, gateway, dns); 201")
    public Response create(AddressPoolRequest request) {
        AddressPoolView created = pools.create(ActionBody.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(created.name()).build()).entity(created).build();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One address pool: its ranges, allocated and free counts, who holds which address")
    public AddressPoolView get(@PathParam("name") String name) {
        return pools.get(name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change an address pool's gateway and DNS servers")
    public AddressPoolView update(@PathParam("name") String name, AddressPoolRequest request) {
        return pools.update(name, ActionBody.required(request));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an address pool no compute pool names and no one holds an address of; 409 otherwise")
    public Response delete(@PathParam("name") String name) {
        pools.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/ranges/{type}")
    @Operation(summary = "The pool's internal or external ranges, each with its allocated and free counts")
    public List<AddressRangeView> ranges(@PathParam("name") String name, @PathParam("type") String type) {
        return pools.ranges(name, type);
    }

    @POST
    @Path("{name}/ranges/{type}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an internal or external range (start, end, netmask): inside one subnet, overlapping no other; 201")
    public Response addRange(@PathParam("name") String name, @PathParam("type") String type, AddressRangeRequest request) {
        AddressRangeView added = pools.addRange(name, type, ActionBody.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(added.start()).build()).entity(added).build();
    }

    @GET
    @Path("{name}/ranges/{type}/{start}")
    @Operation(summary = "One range and who holds which of its addresses")
    public AddressRangeView range(@PathParam("name") String name, @PathParam("type") String type,
                                  @PathParam("start") String start) {
        return pools.range(name, type, start);
    }

    @DELETE
    @Path("{name}/ranges/{type}/{start}")
    @Operation(summary = "Remove a range; 409 naming the holders while any of its addresses is allocated")
    public Response removeRange(@PathParam("name") String name, @PathParam("type") String type,
                                @PathParam("start") String start) {
        pools.removeRange(name, type, start);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/allocations")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reserve an address by hand (instance, address or the first free one, mac); 201")
    public Response reserve(@PathParam("name") String name, AddressReservation reservation) {
        AllocationView taken = pools.reserve(name, ActionBody.required(reservation));
        return Response.created(uri.getAbsolutePathBuilder().path(taken.address()).build()).entity(taken).build();
    }

    @DELETE
    @Path("{name}/allocations/{address}")
    @Operation(summary = "Release an address reserved by hand")
    public Response release(@PathParam("name") String name, @PathParam("address") String address) {
        pools.release(name, address);
        return Response.noContent().build();
    }
}
