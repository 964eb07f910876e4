package org.metalvirt.baremetal.board;

import java.time.Duration;
import java.util.concurrent.Future;

/**
 * The clock a simulated board times a held button on: the wall clock on a running board; in
 * tests a clock the test moves itself, so that no stall of a thread turns a press into a hold.
 */
public interface HoldTimer extends AutoCloseable {

    /** Runs {@code task} once {@code delay} has passed; {@code cancel(false)} on the result is false once it ran. */
    Future<?> schedule(Runnable task, Duration delay);

    @Override
    void close();

    /**
     * Wall-clock time, on one daemon thread {@code atx-hold} for every board (a rack of a thousand
     * boards costs one thread, not one each); the thread is given back while no button is held.
     */
    static HoldTimer wallClock() {
        return new WallClockHolds();
    }
}
