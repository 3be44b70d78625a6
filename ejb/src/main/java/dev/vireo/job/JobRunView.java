package dev.vireo.job;

import dev.vireo.persistence.job.JobRun;
import java.time.Instant;

/** One run of a job as the API shows it. */
public record JobRunView(String node, Instant started, long durationMs, String result, String message) {

    static JobRunView of(JobRun run) {
        return new JobRunView(run.getNode(), run.getStarted(), run.getDurationMillis(), run.getResult(), run.getMessage());
    }
}
