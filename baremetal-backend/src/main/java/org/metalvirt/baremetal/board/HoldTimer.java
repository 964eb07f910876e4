package org.metalvirt.baremetal.board;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The clock a simulated board times a held button on: the wall clock on a running board; in
 * tests a clock the test moves itself, so that no stall of a thread turns a press into a hold.
 */
public interface HoldTimer extends AutoCloseable {

    /** Runs {@code task} once {@code delay} has passed; {@code cancel(false)} on the result is false once it ran. */
    Future<?> schedule(Runnable task, Duration delay);

    @Override
    void close();

    /** Wall-clock time, on a daemon thread of that name. */
    static HoldTimer wallClock(String thread) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread timer = new Thread(task, thread);
            timer.setDaemon(true);
            return timer;
        });
        return new HoldTimer() {
            @Override
            public Future<?> schedule(Runnable task, Duration delay) {
                return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
