package org.metalvirt.shim.dispatch;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * WARN lines about what clients did (garbage, a full daemon, silence), at most {@code burst} per
 * window: hostile clients cannot flood the log. Past the burst a warning goes to DEBUG only, and
 * the next warning after the window says how many were held back.
 */
final class ClientWarnings {

    /** One budget for every connection of the daemon: a flood is a flood whichever socket it comes through. */
    static final ClientWarnings SHARED = new ClientWarnings(20, TimeUnit.MINUTES.toNanos(1), System::nanoTime);

    private final int burst;
    private final long windowNanos;
    private final LongSupplier clock;
    private long windowStart;
    private int logged;
    private long heldBack;

    ClientWarnings(int burst, long windowNanos, LongSupplier clock) {
        this.burst = burst;
        this.windowNanos = windowNanos;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    void warn(Logger log, String format, Object... args) {
        boolean loud;
        long summary = 0;
        synchronized (this) {
            long now = clock.getAsLong();
            if (now - windowStart >= windowNanos) {
                summary = heldBack;
                windowStart = now;
                logged = 0;
                heldBack = 0;
            }
            loud = logged < burst;
            if (loud) {
                logged++;
            } else {
                heldBack++;
            }
        }
        if (summary > 0) {
            log.warn(
                    "{} more warnings about clients were held back (at most {} are logged per window)", summary, burst);
        }
        if (loud) {
            log.warn(format, args);
        } else {
            log.debug(format, args);
        }
    }
}
