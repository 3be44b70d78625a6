package dev.vireo.persistence.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests (Debian's {@code postgresql}): a cluster that {@code initdb}
 * makes under a directory of the build, on a port of the caller's choosing, started and stopped with
 * {@code pg_ctl}. Nothing of the machine's own PostgreSQL is used or changed. Every start begins
 * from an empty cluster (a cluster left running by an interrupted run is stopped first). PostgreSQL
 * refuses to run as root: as root, its programs run as the {@code postgres} user that Debian's
 * package creates, which then owns the directory.
 */
public final class PostgresCluster implements AutoCloseable {

    /** The superuser of the cluster; it signs in without a password (trust, on localhost only). */
    public static final String USER = "vireo";
    public static final String PASSWORD = "unused";

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String SERVER_USER = "postgres";

    private final Path directory;
    private final int port;
    private final Path binaries;
    private final String superuser;
    /** null: every connection is trusted; else the superuser's, and every connection needs its password. */
    private final String superuserPassword;

    private PostgresCluster(Path directory, int port, Path binaries, String superuser, String superuserPassword) {
        this.directory = directory;
        this.port = port;
        this.binaries = binaries;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** Makes a fresh cluster in {@code directory} (whatever was there goes) and starts it on {@code port}. */
    public static PostgresCluster start(Path directory, int port) {
        return start(new PostgresCluster(reachable(directory.toAbsolutePath(), port), port, binaries(), USER, null));
    }

    /**
     * As {@link #start(Path, int)}, a cluster as an installed PostgreSQL has it: its superuser is
     * {@code superuser} with {@code password}, and every connection signs in with a password (SCRAM).
     */
    public static PostgresCluster startWithPasswords(Path directory, int port, String superuser, String password) {
        return start(new PostgresCluster(reachable(directory.toAbsolutePath(), port), port, binaries(), superuser, password));
    }

    private static PostgresCluster start(PostgresCluster cluster) {
        cluster.stopLeftOver();
        cluster.create();
        cluster.run("pg_ctl", "-D", cluster.data().toString(), "-l", cluster.log().toString(),
                "-w", "-t", "60", "-o", cluster.serverOptions(), "start");
        return cluster;
    }

    /** Where the cluster lives (its server log: {@code postgresql.log} there). */
    public Path directory() {
        return directory;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of one of the cluster's databases. */
    public String url(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), superuser, superuserPassword == null ? PASSWORD : superuserPassword);
    }

    /** Creates an empty database and answers its URL. */
    public String createDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    /** Stops the server (fast shutdown: open sessions are ended); the directory stays for its log. */
    public void stop() {
        run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    @Override
    public void close() {
        stop();
    }

    private Path data() {
        return directory.resolve("data");
    }

    private Path log() {
        return directory.resolve("postgresql.log");
    }

    /**
     * {@code directory}, unless the server's user could not reach it (as root, a checkout under
     * /root): then a directory of its own in the temporary directory, named after the port.
     */
    private static Path reachable(Path directory, int port) {
        if (!asRoot()) {
            return directory;
        }
        for (Path up = directory.getParent(); up != null; up = up.getParent()) {
            try {
                if (Files.exists(up) && !Files.getPosixFilePermissions(up).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return Path.of(System.getProperty("java.io.tmpdir"), "vireo-postgresql-" + port);
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the permissions of " + up + ": " + e.getMessage(), e);
            }
        }
        return directory;
    }

    /**
     * Settings for a throwaway test database: TCP on localhost only, no Unix socket (no shared
     * socket directory, no path length limit), durability traded for speed.
     */
    private String serverOptions() {
        return "-p " + port + " -c listen_addresses=localhost -c unix_socket_directories=''"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
    }

    private void stopLeftOver() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            try {
                run("pg_ctl", "-D", data().toString(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException alreadyGone) {
                // its server had died: the directory goes all the same
            }
        }
    }

    private void create() {
        try {
            deleteRecursively(directory);
            Files.createDirectories(directory);
            if (asRoot()) {
                UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SERVER_USER);
                Files.setOwner(directory, owner);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + directory + " for a PostgreSQL cluster: " + e, e);
        }
        if (superuserPassword == null) {
            run("initdb", "-D", data().toString(), "-U", superuser, "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
            return;
        }
        Path passwordFile = directory.resolve("superuser-password");
        try {
            Files.writeString(passwordFile, superuserPassword + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + passwordFile + ": " + e, e);
        }
        run("initdb", "-D", data().toString(), "-U", superuser, "--pwfile=" + passwordFile, "--auth=scram-sha-256",
                "-E", "UTF8", "--no-locale", "--no-sync");
    }

    /**
     * Runs one of PostgreSQL's client programs ({@code createuser}, {@code createdb}, …) against the
     * cluster as its superuser, with {@code input} on its standard input (and no terminal, so that
     * a password prompt reads it there); answers what it printed.
     */
    public String client(String input, String program, String... arguments) {
        List<String> withServer = new ArrayList<>(List.of("-h", "localhost", "-p", String.valueOf(port), "-U", superuser));
        withServer.addAll(List.of(arguments));
        return runWithInput(input, program, withServer.toArray(String[]::new));
    }

    private void run(String program, String... arguments) {
        runWithInput(null, program, arguments);
    }

    private String runWithInput(String input, String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (input != null) {
            command.addAll(List.of("setsid", "-w"));
        }
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", SERVER_USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (superuserPassword != null) {
                builder.environment().put("PGPASSWORD", superuserPassword);
            }
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The newest of Debian's /usr/lib/postgresql/<version>/bin, else the directory of pg_ctl on the PATH. */
    private static Path binaries() {
        if (Files.isDirectory(DEBIAN_BINARIES)) {
            try (Stream<Path> versions = Files.list(DEBIAN_BINARIES)) {
                Optional<Path> newest = versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                        .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot list " + DEBIAN_BINARIES + ": " + e.getMessage(), e);
            }
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(Path::of)
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("PostgreSQL's initdb and pg_ctl were not found (under "
                        + DEBIAN_BINARIES + " or on the PATH): install Debian's postgresql (./vireo test does)"));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
