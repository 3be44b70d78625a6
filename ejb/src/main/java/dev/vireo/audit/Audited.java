package dev.vireo.audit;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Records each call of a service method that changes something in the audit log, in the same
 * transaction as the change (and, when it fails, the failure in a transaction of its own).
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** What is done, e.g. {@code vm.delete}. */
    @Nonbinding
    String value() default "";

    /** How many leading parameters name the resource (a name, or a request with a {@code name}). */
    @Nonbinding
    int target() default 1;

    /**
     * The call records its successes itself, in its own transaction (an upload: when begun and
     * when complete, not each of its chunks); the interceptor records its refusals only.
     */
    @Nonbinding
    boolean refusalsOnly() default false;
}
