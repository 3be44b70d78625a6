package dev.vireo.web.console;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's chunked uploads share: the file the page announces before its chunks are
 * sent, and the answer that makes the browser stop sending them.
 */
public final class BrowserUploads {

    /** The file the browser is about to send: its name and length. */
    public record Announced(String file, long size) {
    }

    private BrowserUploads() {
    }

    /**
     * The file the request names (parameters {@code file} and {@code size}, of at least
     * {@code smallest} bytes); empty, with {@code refusal} shown at the form's {@code file} field
     * and the request marked failed, when it names none.
     */
    public static Optional<Announced> announced(String form, long smallest, String refusal) {
        FacesContext faces = FacesContext.getCurrentInstance();
        Map<String, String> params = faces.getExternalContext().getRequestParameterMap();
        String file = params.get("file");
        long size;
        try {
            size = Long.parseLong(params.getOrDefault("size", ""));
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (file == null || size < smallest) {
            faces.addMessage(form + ":file", new FacesMessage(FacesMessage.SEVERITY_ERROR, refusal, null));
            faces.validationFailed();
            return Optional.empty();
        }
        return Optional.of(new Announced(file, size));
    }

    /** An error status makes the browser stop sending chunks; the page then says how the upload ended. */
    public static void stopBrowser() {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().setResponseStatus(409);
        faces.responseComplete();
    }
}
