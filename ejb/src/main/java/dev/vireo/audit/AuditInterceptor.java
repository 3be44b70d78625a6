package dev.vireo.audit;

import dev.vireo.error.VireoException;
import dev.vireo.task.TaskView;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Writes the audit entry of an {@link Audited} service call. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    private static final Logger LOG = Logger.getLogger(AuditInterceptor.class.getName());

    @Inject
    AuditLog log;

    @AroundInvoke
    public Object record(InvocationContext call) throws Exception {
        Audited audited = auditedOf(call.getMethod());
        String action = audited.value().isEmpty() ? call.getMethod().getName() : audited.value();
        String target = AuditTargets.of(call.getParameters(), audited.target());
        AuditedCall.enter(new AuditedCall(action, target));
        try {
            Object result = call.proceed();
            if (!audited.refusalsOnly()) {
                // an accepted task names itself: its outcome is recorded under the same action when it ends
                log.record(action, target, AuditLog.OK, result instanceof TaskView task ? "task " + task.id() : null);
            }
            return result;
        } catch (VireoException e) {
            recordRefusal(action, target, e);
            throw e;
        } finally {
            AuditedCall.leave();
        }
    }

    private static Audited auditedOf(Method method) {
        Audited audited = method.getAnnotation(Audited.class);
        return audited != null ? audited : method.getDeclaringClass().getAnnotation(Audited.class);
    }

    /** The refusal's own entry: were it to fail, the caller still gets the refusal, not the audit log's failure. */
    private void recordRefusal(String action, String target, VireoException refusal) {
        try {
            log.recordAlone(action, target, refusal.code(), refusal.reason());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not write the audit entry of " + action + " (" + refusal.code() + ")", e);
        }
    }
}
