package dev.vireo.web.nano;

import dev.vireo.address.AddressPoolRequest;
import dev.vireo.address.AddressPoolService;
import dev.vireo.address.AddressPoolView;
import dev.vireo.address.AddressRangeRequest;
import dev.vireo.address.AddressRangeView;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Nano's address pools ({@code /nano/address_pools/…}) and their ranges, over {@link AddressPoolService}. */
@ApplicationScoped
@Path("/nano/address_pools")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Nano")
public class NanoAddressPools {

    /** A pool in Nano's list: how many internal addresses it has and how many are allocated. */
    public record Pool(String name, String gateway, long addresses, long allocated) {
        static Pool of(AddressPoolView view) {
            return new Pool(view.name(), view.gateway(), view.addresses(), view.allocatedCount());
        }
    }

    /** Who holds an address, as Nano shows it. */
    public record Allocated(String address, String instance) {
        static List<Allocated> of(List<AllocationView> allocations) {
            return allocations.stream().map(a -> new Allocated(a.address(), a.instance())).toList();
        }
    }

    public record Range(String start, String end, String netmask) {
        static Range of(AddressRangeView view) {
            return new Range(view.start(), view.end(), view.netmask());
        }
    }

    /** A pool's status (its name is in the path); {@code external} is Vireo's: Nano lists the internal ranges only. */
    public record Status(String gateway, List<String> dns, List<Range> ranges, List<Range> external,
                         List<Allocated> allocated) {
        static Status of(AddressPoolView view) {
            return new Status(view.gateway(), view.dns(), view.ranges().stream().map(Range::of).toList(),
                    view.external().stream().map(Range::of).toList(), Allocated.of(view.allocated()));
        }
    }

    /** A range's status: its bounds and who holds which of its addresses. */
    public record RangeStatus(String start, String end, String netmask, List<Allocated> allocated) {
        static RangeStatus of(AddressRangeView view) {
            return new RangeStatus(view.start(), view.end(), view.netmask(), Allocated.of(view.allocated()));
        }
    }

    /** Nano's attributes of a pool; its name is in the path. */
    public record Attributes(String gateway, List<String> dns) {
    }

    /** Nano's attributes of a range; its start is in the path. */
    public record RangeAttributes(String end, String netmask) {
    }

    @EJB
    AddressPoolService pools;

    @GET
    @Operation(summary = "Nano: all address pools")
    public List<Pool> list() {
        return pools.list().stream().map(Pool::of).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Nano: an address pool's status (gateway, dns, ranges, allocated)")
    public Status get(@PathParam("name") String name) {
        return Status.of(pools.get(name));
    }

    @POST
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: create an address pool (gateway, dns)")
    public Status create(@PathParam("name") String name, Attributes attributes) {
        ActionBody.required(attributes);
        return Status.of(pools.create(new AddressPoolRequest(name, attributes.gateway(), attributes.dns())));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: change an address pool (gateway, dns)")
    public Status change(@PathParam("name") String name, Attributes attributes) {
        ActionBody.required(attributes);
        return Status.of(pools.update(name, new AddressPoolRequest(null, attributes.gateway(), attributes.dns())));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Nano: delete an address pool no compute pool names and with no address allocated")
    public Response delete(@PathParam("name") String name) {
        pools.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/{type}/ranges")
    @Operation(summary = "Nano: an address pool's internal or external ranges")
    public List<Range> ranges(@PathParam("name") String name, @PathParam("type") String type) {
        return pools.ranges(name, type).stream().map(Range::of).toList();
    }

    @GET
    @Path("{name}/{type}/ranges/{start}")
    @Operation(summary = "Nano: a range's status (start, end, netmask, allocated)")
    public RangeStatus range(@PathParam("name") String name, @PathParam("type") String type,
                             @PathParam("start") String start) {
        return RangeStatus.of(pools.range(name, type, start));
    }

    @POST
    @Path("{name}/{type}/ranges/{start}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Nano: add a range starting at {start} (end, netmask)")
    public RangeStatus addRange(@PathParam("name") String name, @PathParam("type") String type,
                                @PathParam("start") String start, RangeAttributes attributes) {
        ActionBody.required(attributes);
        return RangeStatus.of(pools.addRange(name, type,
                new AddressRangeRequest(start, attributes.end(), attributes.netmask())));
    }

    @DELETE
    @Path("{name}/{type}/ranges/{start}")
    @Operation(summary = "Nano: remove a range none of whose addresses is allocated")
    public Response removeRange(@PathParam("name") String name, @PathParam("type") String type,
                                @PathParam("start") String start) {
        pools.removeRange(name, type, start);
        return Response.noContent().build();
    }
}
