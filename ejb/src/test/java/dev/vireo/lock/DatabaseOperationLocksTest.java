package dev.vireo.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostRef;
import dev.vireo.node.ServerNodes;
import dev.vireo.persistence.lock.OperationLock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules around the lock table; the table's own (insert, take-over) run on a real database in OperationLocksAcrossServersIT. */
class DatabaseOperationLocksTest {

    private static final HostRef LOCAL = new HostRef(HostRef.DEFAULT, "test:///default");
    private final LockTarget vm = LockTarget.vm(LOCAL, "web1");
    private final LockTarget volume = LockTarget.volume(LOCAL, "default", "web1-0.qcow2");

    private final ScriptedRows rows = new ScriptedRows();
    private final DatabaseOperationLocks locks = new DatabaseOperationLocks();

    @BeforeEach
    void wire() {
        locks.rows = rows;
        locks.nodes = new ServerNodes();
    }

    @Test
    void aClaimWritesOnlyTheTargetsItsOwnerDidNotHoldYet() {
        LockOwner update = new LockOwner("vm.update");
        locks.lock(List.of(vm), update, Duration.ZERO);
        locks.lock(List.of(vm), update, Duration.ZERO);
        locks.lock(List.of(vm, volume), update, Duration.ZERO);

        assertThat(rows.claims).containsExactly(List.of(vm.key()), List.of(volume.key()));
        assertThat(rows.claimedBy).containsOnly(update.id());
    }

    @Test
    void aTaskOnAnotherServerIsRefusedAtOnceNamingTheServer() {
        rows.answers.add(Optional.of(new LockRows.Busy(Optional.of(row("vm.clone (task 7)", 7L, "node-2")))));

        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> locks.lock(List.of(vm), new LockOwner("vm.update"), Duration.ofHours(1)));

        assertThat(refused.code()).isEqualTo(ErrorCode.LOCKED.code());
        assertThat(refused.reason()).isEqualTo(
                "The virtual machine web1 is busy with vm.clone (task 7) on server node node-2: try again when it has ended");
        assertThat(rows.claims).hasSize(1);
    }

    @Test
    void aCallOnAnotherServerIsAskedForAgainUntilItLetsGo() {
        OperationLock call = row("vm.update", null, "node-2");
        rows.answers.add(Optional.of(new LockRows.Busy(Optional.of(call))));
        rows.answers.add(Optional.of(LockRows.Busy.raced()));
        rows.answers.add(Optional.of(new LockRows.Busy(Optional.of(call))));

        locks.lock(List.of(vm), new LockOwner("vm.delete"), Duration.ofHours(1));

        assertThat(rows.claims).hasSize(4);
    }

    @Test
    void aRefusalInTheDatabaseLeavesTheTargetFreeOnThisServer() {
        rows.answers.add(Optional.of(new LockRows.Busy(Optional.of(row("vm.update", null, "node-2")))));
        LockOwner refused = new LockOwner("vm.delete");
        catchThrowableOfType(VireoException.class, () -> locks.lock(List.of(vm), refused, Duration.ZERO));

        LockOwner next = new LockOwner("vm.start");
        locks.lock(List.of(vm), next, Duration.ZERO);

        assertThat(rows.claimedBy).containsExactly(refused.id(), next.id());
    }

    @Test
    void letGoDeletesTheRowsOfItsOwnerThenFreesTheTargetsHere() {
        LockOwner update = new LockOwner("vm.update");
        locks.lock(List.of(vm), update, Duration.ZERO);

        locks.unlockAll(update);
        locks.unlockAll(new LockOwner("nothing"));

        assertThat(rows.released).containsExactly(update.id());
        locks.lock(List.of(vm), new LockOwner("vm.start"), Duration.ZERO);
    }

    @Test
    void aTaskTakingTheOperationOverIsToldToTheTable() {
        LockOwner clone = new LockOwner("vm.clone");
        locks.lock(List.of(vm), clone, Duration.ZERO);
        CurrentOperation.enter(clone);
        try {
            locks.ownerChanged(CurrentOperation.handOverToTask(12));
        } finally {
            CurrentOperation.leave();
        }

        assertThat(rows.retold).containsExactly("vm.clone (task 12)");
    }

    private static OperationLock row(String holder, Long task, String node) {
        return new OperationLock("k", HostRef.DEFAULT, "virtual machine", "web1", "other", holder, task, node,
                Instant.parse("2026-12-03T10:00:00Z"));
    }

    /** Answers claims as scripted (then success), and records what it was asked. */
    private static final class ScriptedRows extends LockRows {
        final Deque<Optional<Busy>> answers = new ArrayDeque<>();
        final List<List<String>> claims = new ArrayList<>();
        final List<String> claimedBy = new ArrayList<>();
        final List<String> released = new ArrayList<>();
        final List<String> retold = new ArrayList<>();

        @Override
        public Optional<Busy> claim(Collection<LockTarget> targets, String owner, String holder, Long task, String node,
                                    Instant now, Instant silentBefore) {
            claims.add(targets.stream().map(LockTarget::key).toList());
            claimedBy.add(owner);
            return answers.isEmpty() ? Optional.empty() : answers.poll();
        }

        @Override
        public int release(String owner) {
            released.add(owner);
            return 1;
        }

        @Override
        public void retell(String owner, String holder, Long task) {
            retold.add(holder);
        }
    }
}
