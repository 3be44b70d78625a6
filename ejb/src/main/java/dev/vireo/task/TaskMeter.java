package dev.vireo.task;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.TimeUnit;

/**
 * Counts the tasks of one operation and how long they ran, by how they ended:
 * {@code vireo_tasks_seconds_count{operation, result}} and its sum and max on {@code /metrics}.
 */
final class TaskMeter {

    static final String FINISHED = "finished";
    static final String FAILED = "failed";

    private final MeterRegistry registry;
    private final String operation;

    TaskMeter(MeterRegistry registry, String operation) {
        this.registry = registry;
        this.operation = operation;
    }

    /** Records a task that ran since {@code started} (System.nanoTime) and ended with {@code result}. */
    void ended(String result, long started) {
        // through timer(name, tags): WildFly exports only what the registry's convenience methods register
        registry.timer("vireo.tasks", Tags.of("operation", operation, "result", result)).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
}
