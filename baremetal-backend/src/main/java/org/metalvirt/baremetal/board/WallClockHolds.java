package org.metalvirt.baremetal.board;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One board's {@link HoldTimer#wallClock()}: its overrides fall due on the thread every board
 * shares, which is there only while some button is held (an override is quick: it drops the
 * board's power and returns). Closing the board cancels its own overrides, not the thread.
 */
final class WallClockHolds implements HoldTimer {

    /** An idle scheduler gives its thread back; the next hold starts a new one. */
    private static final long IDLE_SECONDS = 5;

    private static final ScheduledThreadPoolExecutor SHARED = shared();

    private final Set<Future<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private static ScheduledThreadPoolExecutor shared() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "atx-hold");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(IDLE_SECONDS, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        pending.removeIf(Future::isDone);
        Future<?> future = SHARED.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        pending.add(future);
        if (closed) {
            future.cancel(false);
        }
        return future;
    }

    @Override
    public void close() {
        closed = true;
        pending.forEach(future -> future.cancel(false));
        pending.clear();
    }
}
