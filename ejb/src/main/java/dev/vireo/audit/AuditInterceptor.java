package dev.vireo.audit;

import dev.vireo.error.VireoException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Writes the audit entry of an {@link Audited} service call. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {

    @Inject
    AuditLog log;

    @AroundInvoke
    public Object record(InvocationContext call) throws Exception {
        Audited audited = call.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            audited = call.getMethod().getDeclaringClass().getAnnotation(Audited.class);
        }
        String action = audited.value().isEmpty() ? call.getMethod().getName() : audited.value();
        String target = AuditTargets.of(call.getParameters(), audited.target());
        try {
            Object result = call.proceed();
            log.record(action, target, AuditLog.OK, null);
            return result;
        } catch (VireoException e) {
            log.recordAlone(action, target, e.code(), e.reason());
            throw e;
        }
    }
}
