package dev.vireo.node;

import dev.vireo.job.JobStore;
import dev.vireo.job.JobSchedule;
import dev.vireo.lock.LockRows;
import dev.vireo.persistence.node.ServerNode;
import dev.vireo.task.TaskRecorder;
import dev.vireo.zone.ZoneHost;
import dev.vireo.zone.ZoneHosts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This server among several: it tells the others it lives (a heartbeat in the database every
 * {@value #BEAT_SECONDS} seconds) and ends the work of those that stopped telling it — a node whose
 * heartbeat is older than {@code vireo.cluster.node-timeout} (default 60s) died or was cut off,
 * and its running tasks are marked failed with the reason ({@code HAC0001E}), its job claims and
 * operation locks freed, the hosts whose libvirt events it acted on taken over (each beat renews
 * this node's hold on its hosts for one node timeout: {@link HostListenerStore}).
 * A node that was itself held up (its own last beat long ago: an overloaded machine stalls every
 * node on it alike) judges no one on that beat. A single server does the same on its own: its row
 * is the only one.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ServerNodes {

    private static final Logger LOG = Logger.getLogger(ServerNodes.class.getName());

    static final int BEAT_SECONDS = 5;
    public static final String NODE_TIMEOUT = "vireo.cluster.node-timeout";
    static final Duration DEFAULT_NODE_TIMEOUT = Duration.ofSeconds(60);

    private static final String LOCAL_NAME = LocalNode.name();

    @EJB
    NodeStore store;

    @EJB
    TaskRecorder tasks;

    @EJB
    JobStore jobs;

    @EJB
    LockRows locks;

    @EJB
    HostListenerStore listeners;

    @EJB
    ZoneHosts zone;

    @Inject
    Event<NodesSilent> silentNodes;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = NODE_TIMEOUT, defaultValue = "60s")
    String nodeTimeout;

    private Duration timeout = DEFAULT_NODE_TIMEOUT;
    /** When this node last wrote its heartbeat. */
    private volatile Instant lastBeat;

    @PostConstruct
    void start() {
        timeout = timeout(nodeTimeout);
        // start-up code must never throw: a failing singleton start blocks timers and shutdown
        try {
            Instant now = now();
            store.started(LOCAL_NAME, now);
            lastBeat = now;
            int released = locks.releaseHeldBy(LOCAL_NAME);
            if (released > 0) {
                LOG.warning(() -> released + " operation lock(s) of this node's previous run are released");
            }
            listenForHosts(now);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot write the start of node " + LOCAL_NAME + " (the next heartbeat tries again)", e);
        }
        nextBeat();
    }

    /** The next beat BEAT_SECONDS after this one ended: a slow beat (the first ones, while nothing is warm) is never overlapped. */
    private void nextBeat() {
        try {
            timers.createSingleActionTimer(BEAT_SECONDS * 1000L, new TimerConfig("node heartbeat", false));
        } catch (IllegalStateException | EJBException e) {
            LOG.log(Level.FINE, "No next heartbeat: the server is stopping", e);
        }
    }

    @Timeout
    void beat() {
        try {
            Instant now = now();
            if (!store.beat(LOCAL_NAME, now)) {
                store.started(LOCAL_NAME, now);
            }
            Instant previous = lastBeat;
            lastBeat = now;
            listenForHosts(now);
            if (previous != null && previous.plus(timeout.dividedBy(2)).isAfter(now)) {
                endWorkOfSilentNodes();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot write the heartbeat of node {0}: {1}", new Object[] {LOCAL_NAME, e.toString()});
        } finally {
            nextBeat();
        }
    }

    /**
     * Fails the running tasks of the nodes silent for longer than the node timeout and frees their
     * job claims and locks: nothing of theirs runs any more. Then tells the keepers of other work
     * ({@link NodesSilent}). Also run at start-up ({@code TaskRecovery}).
     */
    public void endWorkOfSilentNodes() {
        Instant before = now().minus(timeout);
        List<ServerNode> silent = store.silentSince(before);
        if (silent.isEmpty()) {
            return;
        }
        int failed = tasks.failOfSilentNodes(before);
        if (failed > 0) {
            LOG.warning(() -> failed + " task(s) of server node(s) silent for over " + timeout.toSeconds()
                    + " s are marked failed: " + silent.stream().map(ServerNode::getName).toList());
        }
        for (ServerNode node : silent) {
            int released = jobs.releaseHeldBy(node.getName());
            if (released > 0) {
                LOG.warning(() -> released + " job run(s) of silent server node " + node.getName() + " are given up");
            }
            int unlocked = locks.releaseHeldBy(node.getName());
            if (unlocked > 0) {
                LOG.warning(() -> unlocked + " operation lock(s) of silent server node " + node.getName() + " are released");
            }
        }
        silentNodes.fire(new NodesSilent(before, silent.stream().map(ServerNode::getName).toList()));
    }

    /**
     * Holds on for another node timeout to the hosts this node listens for, and claims those no
     * node listens for: hosts without a listener yet, and hosts whose listener let its hold run
     * out (it went silent). Of the nodes that claim a host at once, one wins.
     */
    private void listenForHosts(Instant now) {
        Instant until = now.plus(timeout);
        for (String host : zone.all().stream().map(ZoneHost::name).toList()) {
            try {
                if (listeners.claim(host, LOCAL_NAME, now, until) == HostListenerStore.Claim.TAKEN) {
                    LOG.info(() -> "Node " + LOCAL_NAME + " now acts on the libvirt events of host " + host);
                }
            } catch (RuntimeException e) {
                // another node claimed the new row first: it listens; this node sees so on its next beat
                LOG.log(Level.FINE, "Cannot claim the events of host " + host, e);
            }
        }
    }

    /** Stops listening for hosts: the other nodes take them over on their next beat, not a node timeout later. */
    @PreDestroy
    void stop() {
        try {
            listeners.letGo(LOCAL_NAME, now());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cannot let go of the hosts node " + LOCAL_NAME + " listens for", e);
        }
    }

    /** A node whose last heartbeat is older than this is taken for dead. */
    public Instant silentBefore() {
        return now().minus(timeout);
    }

    static Duration timeout(String configured) {
        Duration parsed = JobSchedule.duration(configured).orElse(null);
        if (parsed == null || parsed.compareTo(Duration.ofSeconds(3L * BEAT_SECONDS)) < 0) {
            LOG.warning(() -> NODE_TIMEOUT + " must be a duration of at least " + 3 * BEAT_SECONDS + "s (got '"
                    + configured + "'): using " + DEFAULT_NODE_TIMEOUT.toSeconds() + "s");
            return DEFAULT_NODE_TIMEOUT;
        }
        return parsed;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
