package dev.vireo.web.storage;

import jakarta.servlet.http.HttpServletRequest;
import org.primefaces.component.fileupload.FileUpload;
import org.primefaces.component.fileupload.NativeFileUploadDecoder;
import org.primefaces.model.file.UploadedFile;
import org.primefaces.model.file.UploadedFileWrapper;

/**
 * PrimeFaces' servlet-part upload decoder, except that a chunked upload ({@code maxChunkSize})
 * hands each chunk to the component's listener as it arrives. PrimeFaces itself gathers the
 * chunks in a temporary directory and calls the listener once with the whole file; a volume
 * upload writes each chunk into the volume instead, so that nothing waits for the end and the
 * file never lies on the application server's disk in full. Chosen in web.xml
 * ({@code primefaces.UPLOADER}); the Faces servlet's multipart-config keeps every part on disk.
 */
public class ChunkPerRequestDecoder extends NativeFileUploadDecoder {

    public static final String NAME = "vireo-chunks";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public void decodeContentRange(FileUpload upload, HttpServletRequest request, UploadedFile chunk) {
        upload.setSubmittedValue(new UploadedFileWrapper(chunk));
    }
}
