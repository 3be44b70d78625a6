package dev.vireo.web.address;

import dev.vireo.address.AddressPoolRequest;
import dev.vireo.address.AddressPoolService;
import dev.vireo.address.AddressPoolView;
import dev.vireo.address.AddressRangeRequest;
import dev.vireo.address.AddressRangeView;
import dev.vireo.address.AllocationView;
import dev.vireo.error.VireoException;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Address pools: list, create, delete; the chosen pool's ranges (add, remove) and who holds which address. */
@Named
@ViewScoped
public class ManageAddressPools implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    AddressPoolService pools;

    private String name;
    private String gateway;
    private String dns;

    /** The pool whose ranges and allocations are shown; null for none. */
    private String chosen;
    private String rangeType = "internal";
    private String rangeStart;
    private String rangeEnd;
    private String rangeNetmask = "255.255.255.0";

    public List<AddressPoolView> getPools() {
        try {
            return new ArrayList<>(pools.list());
        } catch (VireoException e) {
            FacesErrors.show(e);
            return new ArrayList<>();
        }
    }

    /** The chosen pool in full, or null (also when it was deleted meanwhile). */
    public AddressPoolView getPool() {
        if (chosen == null) {
            return null;
        }
        try {
            return pools.get(chosen);
        } catch (VireoException e) {
            chosen = null;
            return null;
        }
    }

    /** Both kinds of range of the chosen pool, internal first. */
    public List<AddressRangeView> getRanges() {
        AddressPoolView pool = getPool();
        List<AddressRangeView> ranges = new ArrayList<>();
        if (pool != null) {
            ranges.addAll(pool.ranges());
            ranges.addAll(pool.external());
        }
        return ranges;
    }

    public List<AllocationView> getAllocations() {
        AddressPoolView pool = getPool();
        return pool == null ? new ArrayList<>() : new ArrayList<>(pool.allocated());
    }

    public void create() {
        try {
            AddressPoolView created = pools.create(new AddressPoolRequest(blankToNull(name), blankToNull(gateway), dnsList()));
            FacesErrors.info("Address pool " + created.name() + " created");
            chosen = created.name();
            name = null;
            gateway = null;
            dns = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-pool");
        }
    }

    public void choose(String pool) {
        chosen = pool;
    }

    public void delete(String pool) {
        try {
            pools.delete(pool);
            FacesErrors.info("Address pool " + pool + " deleted");
            if (pool.equals(chosen)) {
                chosen = null;
            }
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public void addRange() {
        try {
            AddressRangeView added = pools.addRange(chosen, rangeType, new AddressRangeRequest(blankToNull(rangeStart),
                    blankToNull(rangeEnd), blankToNull(rangeNetmask)));
            FacesErrors.info("Range " + added.start() + " – " + added.end() + " added");
            rangeStart = null;
            rangeEnd = null;
        } catch (VireoException e) {
            FacesErrors.show(e, "new-range");
        }
    }

    public void removeRange(String type, String start) {
        try {
            pools.removeRange(chosen, type, start);
            FacesErrors.info("Range from " + start + " removed");
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
    }

    public String dnsOf(AddressPoolView pool) {
        return String.join(", ", pool.dns());
    }

    private List<String> dnsList() {
        return dns == null || dns.isBlank() ? List.of()
                : Arrays.stream(dns.split(",")).map(String::trim).filter(server -> !server.isEmpty()).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getGateway() { return gateway; }
    public void setGateway(String gateway) { this.gateway = gateway; }
    public String getDns() { return dns; }
    public void setDns(String dns) { this.dns = dns; }
    public String getChosen() { return chosen; }
    public String getRangeType() { return rangeType; }
    public void setRangeType(String rangeType) { this.rangeType = rangeType; }
    public String getRangeStart() { return rangeStart; }
    public void setRangeStart(String rangeStart) { this.rangeStart = rangeStart; }
    public String getRangeEnd() { return rangeEnd; }
    public void setRangeEnd(String rangeEnd) { this.rangeEnd = rangeEnd; }
    public String getRangeNetmask() { return rangeNetmask; }
    public void setRangeNetmask(String rangeNetmask) { this.rangeNetmask = rangeNetmask; }
}
