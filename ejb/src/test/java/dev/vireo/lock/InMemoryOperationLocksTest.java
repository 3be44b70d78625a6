package dev.vireo.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vireo.error.ErrorCode;
import dev.vireo.error.VireoException;
import dev.vireo.libvirt.HostRef;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryOperationLocksTest {

    private final InMemoryOperationLocks locks = new InMemoryOperationLocks();
    private static final HostRef LOCAL = new HostRef(HostRef.DEFAULT, "test:///default");

    private final LockTarget vm = LockTarget.vm(LOCAL, "web1");
    private final LockTarget volume = LockTarget.volume(LOCAL, "default", "web1-0.qcow2");

    @Test
    void anOwnerTakesItsTargetsAgainButNobodyElseDoes() {
        LockOwner update = new LockOwner("vm.update");
        locks.lock(List.of(vm), update, Duration.ZERO);
        locks.lock(List.of(vm, volume), update, Duration.ZERO);

        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> locks.lock(List.of(volume), new LockOwner("storagevolume.delete"), Duration.ZERO));

        assertThat(refused.code()).isEqualTo(ErrorCode.LOCKED.code());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.reason()).isEqualTo(
                "The storage volume default/web1-0.qcow2 is busy with vm.update: try again when it has ended");
        assertThat(locks.held()).containsEntry(vm, "vm.update").containsEntry(volume, "vm.update");
    }

    @Test
    void takesAllTargetsOrNone() {
        locks.lock(List.of(volume), new LockOwner("storagevolume.clone"), Duration.ZERO);

        catchThrowableOfType(VireoException.class,
                () -> locks.lock(List.of(vm, volume), new LockOwner("vm.delete"), Duration.ZERO));

        assertThat(locks.held()).containsOnlyKeys(volume);
    }

    @Test
    void aWaitingOperationGetsTheTargetWhenTheHolderLetsGo() throws Exception {
        LockOwner first = new LockOwner("vm.action");
        locks.lock(List.of(vm), first, Duration.ZERO);
        LockOwner second = new LockOwner("vm.update");
        CountDownLatch waiting = new CountDownLatch(1);

        CompletableFuture<Void> taken = CompletableFuture.runAsync(() -> {
            waiting.countDown();
            locks.lock(List.of(vm), second, Duration.ofMinutes(1));
        });
        assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();
        locks.unlockAll(first);

        taken.get(1, TimeUnit.MINUTES);
        assertThat(locks.held()).containsEntry(vm, "vm.update");
    }

    @Test
    void aTaskIsNotWaitedForButNamedAtOnce() {
        LockOwner create = new LockOwner("vm.create");
        locks.lock(List.of(vm), create, Duration.ZERO);
        create.handOverTo(42);

        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> locks.lock(List.of(vm), new LockOwner("vm.action"), Duration.ofHours(1)));

        assertThat(refused.reason()).isEqualTo("The virtual machine web1 is busy with vm.create (task 42): try again when it has ended");
    }

    @Test
    void unlockingLetsGoOfEverythingTheOwnerHeldOnly() {
        LockOwner first = new LockOwner("network.update");
        LockOwner second = new LockOwner("template.update");
        locks.lock(List.of(LockTarget.network(LOCAL, "lan")), first, Duration.ZERO);
        locks.lock(List.of(LockTarget.template("small")), second, Duration.ZERO);

        locks.unlockAll(first);

        assertThat(locks.held()).containsOnlyKeys(LockTarget.template("small"));
        locks.lock(List.of(LockTarget.network(LOCAL, "lan")), new LockOwner("network.delete"), Duration.ZERO);
    }

    @Test
    void theSameNameOnAnotherHostIsAnotherTarget() {
        HostRef kvm2 = new HostRef("kvm2", "qemu+ssh://kvm2/system");
        LockTarget elsewhere = LockTarget.vm(kvm2, "web1");
        locks.lock(List.of(vm), new LockOwner("vm.update"), Duration.ZERO);

        locks.lock(List.of(elsewhere), new LockOwner("vm.delete"), Duration.ZERO);
        VireoException refused = catchThrowableOfType(VireoException.class,
                () -> locks.lock(List.of(LockTarget.vm(kvm2, "web1")), new LockOwner("vm.action"), Duration.ZERO));

        assertThat(refused.reason()).isEqualTo(
                "The virtual machine web1 on host kvm2 is busy with vm.delete: try again when it has ended");
        assertThat(locks.held()).containsEntry(vm, "vm.update").containsEntry(elsewhere, "vm.delete");
    }
}
