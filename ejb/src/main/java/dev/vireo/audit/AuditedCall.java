package dev.vireo.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The {@link Audited} service call running on this thread, innermost first. A task submitted
 * during such a call takes its action and target, so that the task's outcome is audited under the
 * same name as its acceptance, whichever service started it.
 *
 * @param action what is done, e.g. {@code vm.create}
 * @param target the resource, as its audit entry names it (may be null)
 */
public record AuditedCall(String action, String target) {

    // no initial value: threads that never run an audited call keep nothing of this application
    private static final ThreadLocal<Deque<AuditedCall>> CALLS = new ThreadLocal<>();

    /** The innermost audited call under way on this thread. */
    public static Optional<AuditedCall> current() {
        Deque<AuditedCall> calls = CALLS.get();
        return calls == null ? Optional.empty() : Optional.ofNullable(calls.peek());
    }

    static void enter(AuditedCall call) {
        Deque<AuditedCall> calls = CALLS.get();
        if (calls == null) {
            calls = new ArrayDeque<>();
            CALLS.set(calls);
        }
        calls.push(call);
    }

    static void leave() {
        Deque<AuditedCall> calls = CALLS.get();
        calls.pop();
        if (calls.isEmpty()) {
            CALLS.remove();
        }
    }
}
