package dev.vireo.web.storage;

import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.primefaces.component.fileupload.FileUpload;
import org.primefaces.component.fileupload.FileUploadRenderer;
import org.primefaces.component.fileupload.NativeFileUploadDecoder;
import org.primefaces.model.file.UploadedFile;
import org.primefaces.model.file.UploadedFileWrapper;

/**
 * PrimeFaces' file upload, except that a chunked upload ({@code maxChunkSize}) hands each chunk
 * to the component's listener as it arrives. PrimeFaces itself gathers the chunks in a temporary
 * directory and calls the listener once with the whole file; a volume upload writes each chunk
 * into the volume instead, so that nothing waits for the end and the file never lies on the
 * application server in full. Registered in faces-config.xml (PrimeFaces 15 always picks its own
 * decoder); the Faces servlet's multipart-config keeps every part on disk.
 */
public class ChunkPerRequestRenderer extends FileUploadRenderer {

    private static final NativeFileUploadDecoder CHUNKS = new NativeFileUploadDecoder() {
        @Override
        public void decodeContentRange(FileUpload upload, HttpServletRequest request, UploadedFile chunk) {
            upload.setSubmittedValue(new UploadedFileWrapper(chunk));
        }
    };

    @Override
    public void decode(FacesContext context, UIComponent component) {
        FileUpload upload = (FileUpload) component;
        String type = context.getExternalContext().getRequestContentType();
        if (upload.isDisabled() || type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return;
        }
        CHUNKS.decode(context, upload);
    }
}
