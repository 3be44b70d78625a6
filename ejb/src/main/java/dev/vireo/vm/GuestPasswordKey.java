package dev.vireo.vm;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The key that seals the guest passwords Vireo keeps: {@code vireo.guest-passwords.key} (Base64 of
 * 32 bytes; several servers must all be given the same one), else a key made on first use in the
 * server's data directory, readable by the server's account only. The sealed passwords live in
 * the domains' metadata on the hosts, the key here: neither alone gives a password away.
 */
@ApplicationScoped
public class GuestPasswordKey {

    static final String FILE = "guest-passwords.key";
    private static final Logger LOG = Logger.getLogger(GuestPasswordKey.class.getName());

    @Inject
    @ConfigProperty(name = "vireo.guest-passwords.key")
    Optional<String> configured;

    private GuestPasswordSeal seal;

    public synchronized GuestPasswordSeal seal() {
        if (seal == null) {
            seal = new GuestPasswordSeal(configured.filter(key -> !key.isBlank())
                    .map(key -> Base64.getDecoder().decode(key.strip())).orElseGet(this::keyFile));
        }
        return seal;
    }

    private byte[] keyFile() {
        Path file = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")), FILE);
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(GuestPasswordSeal.newKey()));
                    LOG.info(() -> "Made the key that seals guest passwords: " + file);
                } catch (FileAlreadyExistsException e) {
                    // another thread or server made it first: use theirs
                }
            }
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
