package dev.vireo.libvirt;

import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.Stream;

/** A picture of a running domain's display. */
final class ScreenshotOperations {

    private ScreenshotOperations() {
    }

    /** Captures the first display of a running domain; empty when there is no such domain. */
    static Optional<Screenshot> screenshot(Connect connect, String name) throws LibvirtException {
        return Handles.domain(connect, name, domain -> {
            Stream stream = connect.streamNew(0);
            try {
                String mime = domain.screenshot(stream, 0);
                ByteArrayOutputStream image = new ByteArrayOutputStream();
                byte[] chunk = new byte[64 * 1024];
                for (int read = stream.receive(chunk); read > 0; read = stream.receive(chunk)) {
                    image.write(chunk, 0, read);
                }
                stream.finish();
                return new Screenshot(mime, image.toByteArray());
            } catch (LibvirtException e) {
                stream.abort();
                throw e;
            } finally {
                stream.free();
            }
        });
    }
}
