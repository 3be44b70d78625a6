package dev.vireo.web.console;

import dev.vireo.error.VireoException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIMessage;
import jakarta.faces.context.FacesContext;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows a service's refusal in the console: next to the form field it is about when the page has
 * one (component id = the API's field name, e.g. {@code memory}, {@code cpu_info}), else at the top.
 * The sentence is the service's own, with its code, exactly as the REST API answers it.
 */
public final class FacesErrors {

    private static final Pattern NAMED_FIELD = Pattern.compile("^(?:Invalid value for |Missing required field ')([a-z_.]+)");
    /** "Invalid network interface: mac '…' is not …": the detail of these codes starts with the field it is about. */
    private static final Pattern LEADING_FIELD = Pattern.compile("^Invalid [a-z ]+: ([a-z_]+) ");

    /** "Invalid gateway '…': …" (IPM0003E): the field comes second. */
    private static final Pattern ADDRESS_FIELD = Pattern.compile("^Invalid ([a-z_]+) '");

    private FacesErrors() {
    }

    /** The API field a failure is about, if it names one. */
    static Optional<String> fieldOf(VireoException e) {
        String field = switch (e.error()) {
            case INVALID_MEMORY -> "memory";
            case INVALID_CPU -> "cpu_info";
            case INVALID_GRAPHICS -> "graphics";
            case MIGRATE_INVALID -> "remote_host";
            case INVALID_DISK -> "disks";
            case INVALID_MEDIA -> "source_media";
            case UNKNOWN_NETWORK -> "networks";
            case UNKNOWN_POOL -> "pool";
            case INVALID_NAME, VM_EXISTS, TEMPLATE_EXISTS, USER_EXISTS, GROUP_EXISTS, ROLE_EXISTS, NETWORK_EXISTS,
                 VOLUME_EXISTS, MANAGED_HOST_EXISTS, VMPOOL_EXISTS -> "name";
            case VMPOOL_TEMPLATE_NOT_FOUND -> "template";
            case INVALID_LIBVIRT_URI, MANAGED_HOST_URI_TAKEN -> "uri";
            case COMPUTE_POOL_NOT_FOUND -> "pool";
            case NETWORK_INTERFACE_UNKNOWN, NETWORK_INTERFACE_TAKEN, NETWORK_INTERFACE_UNFIT -> "interfaces";
            case NETWORK_INVALID -> networkField(e.reason());
            case POOL_NOT_LOGICAL, POOL_EXTEND_FAILED, INVALID_DEVICE -> "disks";
            case WEAK_PASSWORD -> "password";
            case WRONG_PASSWORD -> "old";
            case UNKNOWN_PERMISSION -> "permissions";
            case GROUP_NOT_FOUND -> "groups";
            case INVALID_MAIL -> "mail";
            case NIC_INVALID, STORAGE_INVALID, VOLUME_INVALID -> {
                Matcher leading = LEADING_FIELD.matcher(e.reason());
                yield leading.find() ? leading.group(1) : null;
            }
            case INVALID_ADDRESS -> {
                Matcher named = ADDRESS_FIELD.matcher(e.reason());
                yield named.find() ? named.group(1) : null;
            }
            case ADDRESS_POOL_EXISTS -> "name";
            case INVALID_VALUE, MISSING_FIELD -> {
                Matcher named = NAMED_FIELD.matcher(e.reason());
                yield named.find() ? named.group(1) : null;
            }
            default -> null;
        };
        return Optional.ofNullable(field).map(f -> f.replace('.', '_'));
    }

    /** Which of a network's fields a NET0005E sentence is about ("Invalid network: subnet …", "… vlan_id …"). */
    private static String networkField(String reason) {
        String why = reason.substring(reason.indexOf(':') + 1).trim();
        if (why.startsWith("subnet")) {
            return "subnet";
        }
        if (why.startsWith("vlan_id")) {
            return "vlan_id";
        }
        return why.contains("interface") ? "interfaces" : null;
    }

    /**
     * The failure next to its field in {@code form} when that field exists and has a message
     * component, else as a page message (so that no refusal goes unseen).
     */
    public static void show(VireoException e, String form) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String clientId = fieldOf(e)
                .filter(field -> faces.getViewRoot().findComponent(":" + form + ":" + field) != null
                        && hasMessageFor(faces.getViewRoot().findComponent(":" + form), field))
                .map(field -> form + ":" + field)
                .orElse(null);
        faces.addMessage(clientId, message(e));
        faces.validationFailed();
    }

    private static boolean hasMessageFor(UIComponent component, String field) {
        if (component instanceof UIMessage message && field.equals(message.getFor())) {
            return true;
        }
        return component.getChildren().stream().anyMatch(child -> hasMessageFor(child, field))
                || component.getFacets().values().stream().anyMatch(facet -> hasMessageFor(facet, field));
    }

    /** The failure next to the component {@code clientId} (a form's field the service has no name for). */
    public static void showAt(VireoException e, String clientId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.addMessage(clientId, message(e));
        faces.validationFailed();
    }

    public static void show(VireoException e) {
        FacesContext.getCurrentInstance().addMessage(null, message(e));
    }

    /** The service's sentence and its code, e.g. "Invalid memory: … (TMPL0007E)". */
    private static FacesMessage message(VireoException e) {
        String text = e.reason() + " (" + e.code() + ")";
        return new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text);
    }

    public static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
    }
}
