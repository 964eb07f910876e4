package org.metalvirt.node;

/** Argument checks shared by the node records. */
final class Checks {

    private Checks() {}

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
