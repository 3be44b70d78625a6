package dev.vireo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * One more libvirtd on this machine, listening for TLS alone on 127.0.0.1 at a free port: a remote
 * host as Vireo reaches one over the network. Its private CA, its server certificate (for
 * 127.0.0.1 and localhost) and the client certificates are made with openssl when it starts, live
 * in its directory only, and go with the daemon on {@link #close()}.
 */
final class TlsHost implements AutoCloseable {

    private static final String EXTENSIONS_SERVER = """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = IP:127.0.0.1, DNS:localhost
            """;
    private static final String EXTENSIONS_CLIENT = """
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = clientAuth
            """;

    private final Path directory;
    private final Path pki;
    private final int port;

    private TlsHost(Path directory, int port) {
        this.directory = directory;
        this.pki = directory.resolve("pki");
        this.port = port;
    }

    /** Makes the certificates and starts the daemon in {@code directory} (its own host name and UUID). */
    static TlsHost start(Path directory) throws IOException {
        TlsHost host = new TlsHost(directory, freePort());
        try {
            host.certificates();
            RealHypervisor.Result started = RealHypervisor.run(
                    Map.of("SANDBOX_TLS_PORT", Integer.toString(host.port), "SANDBOX_PKI", host.pki.resolve("server").toString()),
                    RealHypervisor.SCRIPT.toString(), "start", directory.toString(), "vireo-e2e-tls");
            if (started.exitCode() != 0) {
                throw new AssertionError("the TLS libvirtd did not start: " + started.output());
            }
            return host;
        } catch (IOException | RuntimeException | Error e) {
            host.close();
            throw e;
        }
    }

    /** The URI Vireo (and virsh) reach the daemon at over TLS with the client certificate in {@code clientPki}. */
    String uri(Path clientPki) {
        return "qemu+tls://127.0.0.1:" + port + "/system?pkipath=" + clientPki;
    }

    /** cacert.pem, clientcert.pem and clientkey.pem of a client the daemon's CA signed. */
    Path client() {
        return pki.resolve("client");
    }

    /**
     * A client certificate of another CA; its cacert.pem holds both CAs, so that libvirt's client finds
     * its own certificate and the daemon's sound and it is the daemon that refuses.
     */
    Path stranger() {
        return pki.resolve("stranger");
    }

    /** A client trusting only the other CA: the daemon's certificate fails the client's own check. */
    Path distrusting() {
        return pki.resolve("distrusting");
    }

    /** The daemon's process, while it runs. */
    Path pidFile() {
        return directory.resolve("run/libvirtd.pid");
    }

    /** Runs virsh against the daemon over TLS as the signed client; fails the test when virsh fails. */
    String virsh(String... arguments) {
        return RealHypervisor.virshAt(uri(client()), arguments);
    }

    private void certificates() throws IOException {
        Path ca = Files.createDirectories(pki.resolve("ca"));
        Path other = Files.createDirectories(pki.resolve("other-ca"));
        authority(ca, "Vireo e2e CA");
        authority(other, "Another CA");
        Path server = Files.createDirectories(pki.resolve("server"));
        Files.copy(ca.resolve("cert.pem"), server.resolve("cacert.pem"));
        signed(ca, server.resolve("serverkey.pem"), server.resolve("servercert.pem"), "127.0.0.1", EXTENSIONS_SERVER);

        Files.createDirectories(client());
        Files.copy(ca.resolve("cert.pem"), client().resolve("cacert.pem"));
        signed(ca, client().resolve("clientkey.pem"), client().resolve("clientcert.pem"), "vireo", EXTENSIONS_CLIENT);

        Files.createDirectories(stranger());
        Files.writeString(stranger().resolve("cacert.pem"),
                Files.readString(ca.resolve("cert.pem")) + Files.readString(other.resolve("cert.pem")));
        signed(other, stranger().resolve("clientkey.pem"), stranger().resolve("clientcert.pem"), "stranger", EXTENSIONS_CLIENT);

        Files.createDirectories(distrusting());
        Files.copy(other.resolve("cert.pem"), distrusting().resolve("cacert.pem"));
        Files.copy(stranger().resolve("clientkey.pem"), distrusting().resolve("clientkey.pem"));
        Files.copy(stranger().resolve("clientcert.pem"), distrusting().resolve("clientcert.pem"));
    }

    private static void authority(Path ca, String name) {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca.resolve("key.pem").toString(),
                "-out", ca.resolve("cert.pem").toString(), "-days", "1", "-subj", "/CN=" + name,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void signed(Path ca, Path key, Path certificate, String name, String extensions) throws IOException {
        Path request = Files.createTempFile(key.getParent(), "request", ".pem");
        Path extensionFile = Files.writeString(Files.createTempFile(key.getParent(), "extensions", ".cnf"), extensions);
        try {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", request.toString(),
                    "-subj", "/CN=" + name);
            openssl("x509", "-req", "-in", request.toString(), "-CA", ca.resolve("cert.pem").toString(),
                    "-CAkey", ca.resolve("key.pem").toString(),
                    "-set_serial", Long.toString(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)),
                    "-days", "1", "-extfile", extensionFile.toString(), "-out", certificate.toString());
        } finally {
            Files.deleteIfExists(request);
            Files.deleteIfExists(extensionFile);
        }
    }

    private static void openssl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        RealHypervisor.Result result = RealHypervisor.run(command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the daemon (destroying its guests) and removes its directories, certificates and keys with them. */
    @Override
    public void close() {
        RealHypervisor.Result stopped = RealHypervisor.run(RealHypervisor.SCRIPT.toString(), "stop", directory.toString());
        if (stopped.exitCode() != 0) {
            throw new AssertionError("the TLS libvirtd did not stop: " + stopped.output());
        }
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
