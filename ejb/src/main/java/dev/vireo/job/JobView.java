package dev.vireo.job;

import java.time.Instant;
import java.util.List;

/**
 * A scheduled job as the API shows it. {@code scope}: {@code cluster} (one server runs it for
 * all) or {@code node} (every server runs it); {@code next_run}: when this server (or, for a
 * cluster job, any) runs it next, null while it is disabled; {@code runs}: the last runs, newest
 * first, in a job's own document only.
 */
public record JobView(String name, String description, String scope, boolean enabled, String schedule,
                      String defaultSchedule, boolean running, Instant nextRun, JobRunView lastRun,
                      List<JobRunView> runs) {
}
