package org.metalvirt.baremetal.gpio;

import java.time.Duration;
import java.util.Optional;

/** One requested GPIO line. Values are logical: {@code true} is active, whatever the polarity. */
public interface GpioLine extends AutoCloseable {

    /** Drives an output line active (button pressed) or inactive (released). */
    void set(boolean active);

    /** Reads the line's logical value now. */
    boolean get();

    /**
     * Waits up to {@code timeout} for the next edge of an input requested with edge detection;
     * empty when none came. Edges are queued by the kernel, so none is lost between calls.
     */
    Optional<LineEvent> awaitEvent(Duration timeout);

    @Override
    void close();
}
