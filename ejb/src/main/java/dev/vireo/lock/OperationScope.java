package dev.vireo.lock;

import dev.vireo.audit.Audited;
import dev.vireo.audit.AuditedCall;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Every audited service call is an operation (oVirt's command lifecycle: permissions, validation,
 * locks, execution, audit): the locks it claims ({@link Locks#claim}) are held until its
 * transaction ends, or, when it starts a task, until the task ends. Runs inside the audit, so a
 * refusal for a busy target is audited too. A call nested in an operation joins it.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class OperationScope {

    @EJB
    OperationLocks locks;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @AroundInvoke
    public Object operation(InvocationContext call) throws Exception {
        if (CurrentOperation.get().isPresent()) {
            return call.proceed();
        }
        // the audit, outside this scope, has named the call already
        LockOwner owner = new LockOwner(AuditedCall.current().map(AuditedCall::action).orElse(call.getMethod().getName()));
        CurrentOperation.enter(owner);
        try {
            return call.proceed();
        } finally {
            CurrentOperation.leave();
            if (owner.holdsAny() && !owner.handedOver()) {
                releaseAfterTransaction(owner);
            }
        }
    }

    /**
     * Others must not see the target before the change made under its lock is committed; a
     * transaction already bound to roll back commits nothing to wait for.
     */
    private void releaseAfterTransaction(LockOwner owner) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            locks.unlockAll(owner);
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (!owner.handedOver()) {
                    locks.unlockAll(owner);
                }
            }
        });
    }
}
