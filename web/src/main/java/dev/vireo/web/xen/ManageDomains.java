package dev.vireo.web.xen;

import dev.vireo.domain.DomainFlags;
import dev.vireo.domain.DomainJson;
import dev.vireo.domain.RawDefinition;
import dev.vireo.domain.RawDomainService;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.Xml;
import dev.vireo.vm.VmService;
import dev.vireo.vm.VmView;
import dev.vireo.web.console.ConsoleUser;
import dev.vireo.web.console.FacesErrors;
import jakarta.ejb.EJB;
import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import java.io.Serializable;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The console's raw domains page, over {@link RawDomainService} as the Xen REST face: the domains
 * (running ones, or all) as libvirt describes them with the XML flags chosen; one domain's
 * definition as its JSON form and as XML; a domain defined from pasted JSON; libvirt's lifecycle
 * calls with the flags libvirt takes for each.
 */
@Named
@ViewScoped
public class ManageDomains implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The calls the page offers, by the label shown, with the flags each takes (none: it takes none). */
    static final Map<String, DomainFlags> ACTIONS = actions();

    @EJB
    RawDomainService domains;

    @EJB
    VmService vms;

    @Inject
    ConsoleUser user;

    /** A domain as the table shows it. */
    public record DomainRow(String name, String uuid, String type, String memory, String vcpus, String state) {
    }

    private boolean all = true;
    private List<String> xmlFlags = new ArrayList<>();
    private transient List<DomainRow> rows;
    private String selected;
    private transient JsonObject definition;
    private String action = "start";
    private List<String> actionFlags = new ArrayList<>();
    private String json;

    private static Map<String, DomainFlags> actions() {
        Map<String, DomainFlags> actions = new LinkedHashMap<>();
        actions.put("start", DomainFlags.START);
        actions.put("stop", DomainFlags.SHUTDOWN);
        actions.put("destroy", DomainFlags.DESTROY);
        actions.put("restart", DomainFlags.REBOOT);
        actions.put("suspend", null);
        actions.put("resume", null);
        actions.put("delete", DomainFlags.UNDEFINE);
        return actions;
    }

    // the list

    public List<DomainRow> getRows() {
        if (rows == null) {
            try {
                Map<String, String> states = vms.list().stream()
                        .collect(Collectors.toMap(VmView::name, VmView::state, (first, second) -> first));
                rows = domains.list(all ? "1" : "0", sum(xmlFlags)).stream()
                        .map(domain -> row(domain.getJsonObject("domain"), states))
                        .collect(Collectors.toCollection(ArrayList::new));
            } catch (VireoException e) {
                FacesErrors.show(e);
                rows = new ArrayList<>();
            }
        }
        return rows;
    }

    private static DomainRow row(JsonObject domain, Map<String, String> states) {
        String name = text(domain.get("name"));
        return new DomainRow(name, text(domain.get("uuid")), domain.getString("@type", ""),
                withUnit(domain.get("memory")), text(domain.get("vcpu")), states.getOrDefault(name, ""));
    }

    /** An element's text in the JSON form: the value itself, or its {@code #text}. */
    private static String text(JsonValue value) {
        if (value instanceof JsonObject object) {
            return object.getString("#text", "");
        }
        return value instanceof JsonString string ? string.getString() : "";
    }

    /** An amount of memory as a person reads it: whole MiB or GiB where libvirt's KiB come out even. */
    static String withUnit(JsonValue value) {
        String unit = value instanceof JsonObject object ? object.getString("@unit", "KiB") : "KiB";
        String amount = text(value);
        if (amount.isEmpty()) {
            return "";
        }
        if ("KiB".equals(unit) && amount.matches("[0-9]{1,15}")) {
            long kib = Long.parseLong(amount);
            if (kib > 0 && kib % (1024 * 1024) == 0) {
                return kib / (1024 * 1024) + " GiB";
            }
            if (kib > 0 && kib % 1024 == 0) {
                return kib / 1024 + " MiB";
            }
        }
        return amount + " " + unit;
    }

    /** Reads the list (and the open definition) again: after a change, and when the filters change. */
    public void refresh() {
        rows = null;
        if (selected != null) {
            open(selected);
        }
    }

    // one domain

    public void open(String name) {
        selected = name;
        try {
            definition = domains.inspect(name, sum(xmlFlags));
        } catch (VireoException e) {
            FacesErrors.show(e);
            selected = null;
            definition = null;
        }
    }

    public void close() {
        selected = null;
        definition = null;
    }

    /** The open domain's definition, read once per view (again after each change). */
    private JsonObject definition() {
        if (definition == null && selected != null) {
            open(selected);
        }
        return definition;
    }

    public String getDefinitionJson() {
        JsonObject shown = definition();
        if (shown == null) {
            return "";
        }
        StringWriter out = new StringWriter();
        try (var writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
            writer.write(shown);
        }
        return out.toString().strip();
    }

    public String getDefinitionXml() {
        JsonObject shown = definition();
        return shown == null ? "" : Xml.write(DomainJson.toXml(shown, "domain")).strip();
    }

    /** Applies the chosen call with the chosen flags to the open domain; says what libvirt did. */
    public void apply() {
        String name = selected;
        String flag = sum(actionFlags);
        try {
            String done = switch (action) {
                case "start" -> outcome(domains.start(name, flag), "started", "runs already");
                case "stop" -> outcome(domains.stop(name, flag), "asked to shut down", "is shut off already");
                case "destroy" -> outcome(domains.destroy(name, flag), "powered off", "is shut off already");
                case "restart" -> {
                    domains.restart(name, flag);
                    yield "asked to restart";
                }
                case "suspend" -> {
                    domains.suspend(name);
                    yield "paused";
                }
                case "resume" -> {
                    domains.resume(name);
                    yield "resumed";
                }
                case "delete" -> {
                    domains.delete(name, flag);
                    yield "undefined";
                }
                default -> throw new IllegalArgumentException(action);
            };
            FacesErrors.info("Domain " + name + " " + done + flagNames());
            if ("delete".equals(action)) {
                close();
            }
        } catch (VireoException e) {
            FacesErrors.show(e);
        }
        refresh();
    }

    private static String outcome(RawDomainService.Outcome outcome, String changed, String already) {
        return outcome == RawDomainService.Outcome.CHANGED ? changed : already + ": nothing done";
    }

    private String flagNames() {
        DomainFlags flags = ACTIONS.get(action);
        if (flags == null || actionFlags.isEmpty()) {
            return "";
        }
        return " (" + actionFlags.stream().map(value -> flags.bits().get(Integer.valueOf(value)))
                .collect(Collectors.joining(", ")) + ")";
    }

    // defining

    /** Defines a domain from the pasted JSON form; a refusal shows next to the text, and nothing changes. */
    public void define() {
        try {
            RawDefinition parsed = RawDefinition.parse(json == null ? "" : json);
            String name = parsed.name();
            RawDomainService.Defined defined = domains.define(parsed);
            FacesErrors.info("Domain " + name + " " + (defined.created() ? "defined" : "redefined") + " (UUID "
                    + defined.uuid() + ")" + (defined.warnings().isEmpty() ? "" : ": " + String.join("; ", defined.warnings())));
            json = null;
            rows = null;
            open(name);
        } catch (VireoException e) {
            FacesErrors.showAt(e, "define:json");
        }
    }

    // the choices

    /** The XML flags of the list and the definition (virDomainGetXMLDesc). */
    public List<SelectItem> getXmlFlagItems() {
        // secrets (flag 1) are for who may manage VMs: the others are not offered what the service refuses them
        return items(DomainFlags.XML_DESC).stream()
                .filter(item -> !"1".equals(item.getValue()) || user.may("vm.manage")).toList();
    }

    public List<String> getActions() {
        return new ArrayList<>(ACTIONS.keySet());
    }

    /** The flags the chosen call takes. */
    public List<SelectItem> getActionFlagItems() {
        DomainFlags flags = ACTIONS.get(action);
        return flags == null ? List.of() : items(flags);
    }

    private static List<SelectItem> items(DomainFlags flags) {
        return flags.bits().entrySet().stream()
                .map(bit -> new SelectItem(Integer.toString(bit.getKey()),
                        bit.getKey() + " " + bit.getValue().replaceFirst("^VIR_DOMAIN_(XML_|START_|SHUTDOWN_|DESTROY_|REBOOT_|UNDEFINE_)?", "")))
                .toList();
    }

    /** The flags as libvirt takes them: their sum; empty for none. */
    private static String sum(List<String> flags) {
        return flags.isEmpty() ? "" : Integer.toString(flags.stream().mapToInt(Integer::parseInt).sum());
    }

    /** A new call chosen: its flags start empty. */
    public void actionChanged() {
        actionFlags = new ArrayList<>();
    }

    public boolean isAll() { return all; }
    public void setAll(boolean all) { this.all = all; }
    public List<String> getXmlFlags() { return xmlFlags; }
    public void setXmlFlags(List<String> xmlFlags) { this.xmlFlags = xmlFlags == null ? new ArrayList<>() : new ArrayList<>(xmlFlags); }
    public String getSelected() { return selected; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = ACTIONS.containsKey(action) ? action : "start"; }
    public List<String> getActionFlags() { return actionFlags; }
    public void setActionFlags(List<String> actionFlags) { this.actionFlags = actionFlags == null ? new ArrayList<>() : new ArrayList<>(actionFlags); }
    public String getJson() { return json; }
    public void setJson(String json) { this.json = json; }
}
