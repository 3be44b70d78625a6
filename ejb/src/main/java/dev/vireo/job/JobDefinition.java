package dev.vireo.job;

import java.time.Duration;

/**
 * A scheduled job as its owner registers it: a name (the API's), what it does, the schedule it
 * has until an operator changes it, and whether one server runs it for all or every server on
 * its own data. {@code lease}: how long a server may hold the job's claim before another takes it
 * over (should that server have died mid-run); a run should end well within it.
 */
public record JobDefinition(String name, String description, String defaultSchedule, Scope scope, Duration lease) {

    /** Who runs a job each time it is due. */
    public enum Scope {
        /** One server of all: the work is on the shared database or hosts. */
        CLUSTER,
        /** Every server: the work is on the server's own memory or connections. */
        NODE;

        public String label() {
            return this == CLUSTER ? "cluster" : "node";
        }
    }

    static final Duration DEFAULT_LEASE = Duration.ofMinutes(30);

    public JobDefinition {
        JobSchedule.parse(defaultSchedule);
    }

    /** A job one server runs for all, each time it is due. */
    public static JobDefinition cluster(String name, String defaultSchedule, String description) {
        return new JobDefinition(name, description, defaultSchedule, Scope.CLUSTER, DEFAULT_LEASE);
    }

    /** A job every server runs on its own data (its caches, its connections), each time it is due. */
    public static JobDefinition eachServer(String name, String defaultSchedule, String description) {
        return new JobDefinition(name, description, defaultSchedule, Scope.NODE, DEFAULT_LEASE);
    }
}
