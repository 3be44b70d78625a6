package dev.vireo.persistence.batch;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One VM of a {@link Batch}: its name and id as far as known, and where it stands. A creation item
 * that was accepted is {@link #SUBMITTED} and takes its state from its task.
 */
@Embeddable
public class BatchItem {

    public static final String PENDING = "pending";
    public static final String SUBMITTED = "submitted";
    public static final String DELETING = "deleting";
    public static final String DELETED = "deleted";
    public static final String FAILED = "fail";
    public static final int ERROR_LENGTH = 2000;

    @Column(length = 255)
    private String name;

    @Column(name = "guest_id", length = 64)
    private String guestId;

    @Column(name = "task_id")
    private Long taskId;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(length = ERROR_LENGTH)
    private String error;

    protected BatchItem() {
    }

    public BatchItem(String name, String guestId) {
        this.name = name;
        this.guestId = guestId;
        this.status = PENDING;
    }

    public void submitted(String guestId, long taskId) {
        this.guestId = guestId;
        this.taskId = taskId;
        this.status = SUBMITTED;
    }

    public void status(String status) {
        this.status = status;
    }

    public void fail(String error) {
        this.status = FAILED;
        this.error = error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
    }

    public String getName() {
        return name;
    }

    public String getGuestId() {
        return guestId;
    }

    public Long getTaskId() {
        return taskId;
    }

    public String getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }
}
