package dev.vireo.it;

import java.nio.file.Path;
import java.util.logging.Logger;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import dev.vireo.persistence.testing.PostgresCluster;

/**
 * The PostgreSQL run's database server: when the run names a cluster directory and port
 * ({@code vireo.it.postgresql.dir}, {@code .port}: src-test/pom.xml's {@code postgresql} execution),
 * a fresh private cluster with the empty database {@code vireo} is started before the first test,
 * so before the server under test boots on it, and stopped after the last test, whatever the tests
 * did; also when the test JVM is ended early. Without those properties (the H2 run) it does nothing.
 */
public class PrivatePostgres implements LauncherSessionListener {

    static final String DATABASE = "vireo";

    private static final Logger LOG = Logger.getLogger(PrivatePostgres.class.getName());

    private PostgresCluster cluster;
    private Thread stopOnExit;

    /** Whether this run's server keeps its data in the private PostgreSQL cluster. */
    static boolean inUse() {
        return System.getProperty("vireo.it.postgresql.port") != null;
    }

    /** The JDBC URL of the server's database in the private cluster. */
    static String url() {
        return "jdbc:postgresql://localhost:" + System.getProperty("vireo.it.postgresql.port") + "/" + DATABASE;
    }

    @Override
    public synchronized void launcherSessionOpened(LauncherSession session) {
        String directory = System.getProperty("vireo.it.postgresql.dir");
        if (directory == null || !inUse() || cluster != null) {
            return;
        }
        int port = Integer.parseInt(System.getProperty("vireo.it.postgresql.port"));
        cluster = PostgresCluster.start(Path.of(directory), port);
        stopOnExit = new Thread(this::stop, "stop private PostgreSQL");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        cluster.createDatabase(DATABASE);
        LOG.info(() -> "private PostgreSQL cluster in " + cluster.directory() + " on port " + port);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        stop();
        if (stopOnExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) already
            }
        }
    }

    private synchronized void stop() {
        if (cluster != null) {
            cluster.stop();
            cluster = null;
        }
    }
}
