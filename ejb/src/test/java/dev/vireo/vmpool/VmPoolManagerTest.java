package dev.vireo.vmpool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmPoolManagerTest {

    @Test
    void aRoundStartsClonesUpToTheBoundOfClonesInFlight() {
        assertThat(VmPoolManager.cloneBudget(0, 0, 10)).isEqualTo(10);
        assertThat(VmPoolManager.cloneBudget(0, 4, 10)).isEqualTo(6);
        assertThat(VmPoolManager.cloneBudget(0, 10, 10)).isZero();
        // more in flight than the bound (it was lowered meanwhile): none, never a negative count
        assertThat(VmPoolManager.cloneBudget(0, 12, 10)).isZero();
    }

    @Test
    void aBoundBelowOneStillClonesOneAtATime() {
        assertThat(VmPoolManager.cloneBudget(0, 0, 0)).isEqualTo(1);
        assertThat(VmPoolManager.cloneBudget(0, 1, 0)).isZero();
    }

    @Test
    void afterAFailureOneCloneProbesTheTemplateAndNoOtherStartsMeanwhile() {
        assertThat(VmPoolManager.cloneBudget(1, 0, 10)).isEqualTo(1);
        assertThat(VmPoolManager.cloneBudget(3, 1, 10)).isZero();
    }
}
