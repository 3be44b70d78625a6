package dev.vireo.web.json;

/**
 * A value compared by identity, as a map key: views the services hand out again while nothing
 * about them changed are the same object, and an identity lookup costs nothing where hashing
 * large records would.
 */
public record Same(Object value) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Same same && same.value == value;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(value);
    }
}
