package dev.vireo.persistence.task;

import java.util.Locale;

/** The states of a task as the Kimchi API names them. */
public enum TaskStatus {
    RUNNING, FINISHED, FAILED;

    /** The name used in the API: {@code running}, {@code finished}, {@code failed}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromApiName(String name) {
        for (TaskStatus status : values()) {
            if (status.apiName().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
