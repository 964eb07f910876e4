package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's own threads, bounded: a small pool with a bounded queue for reconciliations and
 * autostarts, one thread for what is polled besides the nodes' power ({@link NodePolls} reads that). A node is reconciled by one thread at a time, however many
 * edges it reports: those reported while it runs make it run once more, reading the power anew.
 */
final class Background implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private static final int THREADS = 4;
    private static final int QUEUE = 64;

    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService poller = new ScheduledThreadPoolExecutor(1, named("metalvirt-poll"));
    /** Per node, the reconciliations asked for and not yet covered by one that began after them. */
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();

    /**
     * @param nodes how many nodes may each have one reconciliation queued at once (a row of a
     *              rack losing power together), on top of room for autostarts
     */
    Background(int nodes) {
        pool = new ThreadPoolExecutor(
                THREADS,
                THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE + nodes),
                named("metalvirt-reconcile"));
    }

    void reconcile(String node, Runnable reconciliation) {
        AtomicInteger pending = asked.computeIfAbsent(node, name -> new AtomicInteger());
        if (pending.getAndIncrement() == 0) {
            run(
                    "reconciliation of node " + node,
                    () -> {
                        int covered;
                        do {
                            covered = pending.get();
                            reconciliation.run();
                        } while (pending.addAndGet(-covered) != 0);
                    },
                    () -> pending.set(0));
        }
    }

    void run(String what, Runnable task) {
        run(what, task, () -> {});
    }

    private void run(String what, Runnable task, Runnable ifRejected) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            ifRejected.run();
            // Closing, or more queued than nodes and autostarts could explain: the poll catches up.
            LOG.warn("{} not queued: {}", what, pool.isShutdown() ? "the daemon is closing" : "too much queued");
        }
    }

    void poll(Duration interval, Runnable task) {
        long millis = interval.toMillis();
        poller.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        poller.shutdownNow();
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
