package dev.vireo.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    @Test
    void aRowLostToAConcurrentRequestAtCommitIsSeenThroughTheContainersWrapping() {
        RollbackException commit = new RollbackException("commit failed");
        commit.initCause(new OptimisticLockException("Row was updated or deleted by another transaction"));

        assertThat(UnexpectedExceptionMapper.lostARaceForARow(new EJBTransactionRolledbackException("rolled back", commit)))
                .isTrue();
    }

    @Test
    void anythingElseIsNoLostRace() {
        assertThat(UnexpectedExceptionMapper.lostARaceForARow(new IllegalStateException("a bug",
                new RollbackException("commit failed")))).isFalse();
    }
}
