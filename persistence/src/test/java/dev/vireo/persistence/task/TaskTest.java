package dev.vireo.persistence.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static final Instant CREATED = Instant.parse("2025-01-01T10:00:00Z");
    private static final Instant LATER = CREATED.plusSeconds(5);
    private static final Instant LATEST = CREATED.plusSeconds(10);

    private static Task newTask() {
        return new Task("vm.clone", "/plugins/kimchi/vms/web-01", "alice", "node-1", CREATED);
    }

    private static Task finishedTask() {
        Task task = newTask();
        task.finish("done", LATER);
        return task;
    }

    private static Task failedTask() {
        Task task = newTask();
        task.fail("disk full", LATER);
        return task;
    }

    @Test
    void aNewTaskIsRunningAtZeroPercent() {
        Task task = newTask();

        assertThat(task.getStatus()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.isRunning()).isTrue();
        assertThat(task.getProgress()).isZero();
        assertThat(task.getMessage()).isEqualTo("running");
        assertThat(task.getOperation()).isEqualTo("vm.clone");
        assertThat(task.getTargetUri()).isEqualTo("/plugins/kimchi/vms/web-01");
        assertThat(task.getOwner()).isEqualTo("alice");
        assertThat(task.getCreated()).isEqualTo(CREATED);
        assertThat(task.getUpdated()).isEqualTo(CREATED);
    }

    @Test
    void progressRecordsPercentMessageAndTime() {
        Task task = newTask();

        task.progress(40, "copying disk 1 of 2", LATER);

        assertThat(task.getProgress()).isEqualTo(40);
        assertThat(task.getMessage()).isEqualTo("copying disk 1 of 2");
        assertThat(task.getUpdated()).isEqualTo(LATER);
        assertThat(task.getCreated()).isEqualTo(CREATED);
        assertThat(task.isRunning()).isTrue();
    }

    @Test
    void progressNeverGoesBackwards() {
        Task task = newTask();
        task.progress(60, "copying", LATER);

        task.progress(30, "still copying", LATEST);

        assertThat(task.getProgress()).isEqualTo(60);
        assertThat(task.getMessage()).isEqualTo("still copying");
        assertThat(task.getUpdated()).isEqualTo(LATEST);
    }

    @Test
    void progressAboveOneHundredIsClampedToOneHundred() {
        Task task = newTask();

        task.progress(250, null, LATER);

        assertThat(task.getProgress()).isEqualTo(100);
        assertThat(task.isRunning()).as("only finish ends a task").isTrue();
    }

    @Test
    void negativeProgressIsClampedToZero() {
        Task task = newTask();

        task.progress(-20, null, LATER);

        assertThat(task.getProgress()).isZero();
    }

    @Test
    void progressWithoutMessageKeepsTheLastMessage() {
        Task task = newTask();
        task.progress(10, "copying", LATER);

        task.progress(20, null, LATEST);

        assertThat(task.getMessage()).isEqualTo("copying");
        assertThat(task.getProgress()).isEqualTo(20);
    }

    @Test
    void finishSetsFullProgressAndFinishedStatus() {
        Task task = newTask();
        task.progress(35, "copying", LATER);

        task.finish("cloned", LATEST);

        assertThat(task.getStatus()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.isRunning()).isFalse();
        assertThat(task.getProgress()).isEqualTo(100);
        assertThat(task.getMessage()).isEqualTo("cloned");
        assertThat(task.getUpdated()).isEqualTo(LATEST);
    }

    @Test
    void finishWithoutMessageSaysOk() {
        Task task = newTask();

        task.finish(null, LATER);

        assertThat(task.getMessage()).isEqualTo("OK");
    }

    @Test
    void failKeepsTheProgressReached() {
        Task task = newTask();
        task.progress(35, "copying", LATER);

        task.fail("disk full", LATEST);

        assertThat(task.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.isRunning()).isFalse();
        assertThat(task.getProgress()).isEqualTo(35);
        assertThat(task.getMessage()).isEqualTo("disk full");
        assertThat(task.getUpdated()).isEqualTo(LATEST);
    }

    @Test
    void failWithoutReasonSaysFailed() {
        Task task = newTask();

        task.fail(null, LATER);

        assertThat(task.getMessage()).isEqualTo("failed");
    }

    @Test
    void aFinishedTaskRefusesProgress() {
        Task task = finishedTask();

        assertThatIllegalStateException().isThrownBy(() -> task.progress(50, "late", LATEST));
        assertThat(task.getProgress()).isEqualTo(100);
        assertThat(task.getMessage()).isEqualTo("done");
        assertThat(task.getUpdated()).isEqualTo(LATER);
    }

    @Test
    void aFinishedTaskRefusesToFail() {
        Task task = finishedTask();

        assertThatIllegalStateException()
                .isThrownBy(() -> task.fail("late failure", LATEST))
                .withMessageContaining("FINISHED");
        assertThat(task.getStatus()).isEqualTo(TaskStatus.FINISHED);
        assertThat(task.getMessage()).isEqualTo("done");
    }

    @Test
    void aFinishedTaskRefusesToFinishAgain() {
        Task task = finishedTask();

        assertThatIllegalStateException().isThrownBy(() -> task.finish("again", LATEST));
    }

    @Test
    void aFailedTaskRefusesProgressAndFinish() {
        Task task = failedTask();

        assertThatIllegalStateException().isThrownBy(() -> task.progress(90, "late", LATEST));
        assertThatIllegalStateException().isThrownBy(() -> task.finish("late", LATEST));
        assertThat(task.getStatus()).isEqualTo(TaskStatus.FAILED);
        assertThat(task.getMessage()).isEqualTo("disk full");
    }

    @Test
    void aMessageOfExactlyTheMaximumLengthIsKept() {
        Task task = newTask();
        String longest = "x".repeat(Task.MESSAGE_LENGTH);

        task.progress(1, longest, LATER);

        assertThat(task.getMessage()).isEqualTo(longest);
    }

    @Test
    void aLongerProgressMessageIsTruncatedWithAnEllipsis() {
        Task task = newTask();
        String tooLong = "0123456789".repeat(300);

        task.progress(1, tooLong, LATER);

        assertThat(task.getMessage())
                .hasSize(Task.MESSAGE_LENGTH)
                .startsWith(tooLong.substring(0, Task.MESSAGE_LENGTH - 1))
                .endsWith("…");
    }

    @Test
    void aLongerFailureReasonIsTruncatedWithAnEllipsis() {
        Task task = newTask();

        task.fail("e".repeat(Task.MESSAGE_LENGTH + 1), LATER);

        assertThat(task.getMessage()).hasSize(2000).endsWith("e…");
    }

    @Test
    void aLongerFinishMessageIsTruncatedWithAnEllipsis() {
        Task task = newTask();

        task.finish("f".repeat(5000), LATER);

        assertThat(task.getMessage()).hasSize(2000).endsWith("f…");
    }

    @Test
    void retargetChangesTheTargetUri() {
        Task task = newTask();

        task.retarget("/plugins/kimchi/vms/web-02");

        assertThat(task.getTargetUri()).isEqualTo("/plugins/kimchi/vms/web-02");
    }

    @Test
    void keepsTheAuditedCallThatStartedIt() {
        Task task = newTask();
        assertThat(task.getAuditAction()).isNull();

        task.auditedAs("vm.clone", "web-01");
        assertThat(task.getAuditAction()).isEqualTo("vm.clone");
        assertThat(task.getAuditTarget()).isEqualTo("web-01");

        task.auditedAs("vm.clone", "w".repeat(5000));
        assertThat(task.getAuditTarget()).hasSize(Task.AUDIT_TARGET_LENGTH).endsWith("w…");
    }
}
