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

    private static final ThreadLocal<Deque<AuditedCall>> CALLS = ThreadLocal.withInitial(ArrayDeque::new);

    /** The innermost audited call under way on this thread. */
    public static Optional<AuditedCall> current() {
        return Optional.ofNullable(CALLS.get().peek());
    }

    static void enter(AuditedCall call) {
        CALLS.get().push(call);
    }

    static void leave() {
        Deque<AuditedCall> calls = CALLS.get();
        calls.pop();
        if (calls.isEmpty()) {
            CALLS.remove();
        }
    }
}
