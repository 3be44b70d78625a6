package dev.vireo.libvirt;

import java.time.Instant;
import java.util.Locale;

/**
 * How a host is, as its connection knows it.
 *
 * @param since  when it was last reachable, for a host reconnecting or down; else null
 * @param reason libvirt's last word on why it cannot be reached; else null
 */
public record HostLiveness(State state, Instant since, String reason) {

    public enum State {
        /** Its connection is open. */
        CONNECTED,
        /** Its connection dropped or failed lately; attempts go on with a growing back-off. */
        RECONNECTING,
        /** Several attempts in a row failed; they go on every {@link HostConnection#MAX_BACK_OFF} at most. */
        DOWN,
        /** Nothing asked for it yet. */
        NOT_CONNECTED;

        /** As the API writes it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    public boolean alive() {
        return state == State.CONNECTED;
    }
}
