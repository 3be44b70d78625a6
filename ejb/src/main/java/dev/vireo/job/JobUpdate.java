package dev.vireo.job;

/** An operator's change to a job; null leaves a field as it is. */
public record JobUpdate(Boolean enabled, String schedule) {
}
