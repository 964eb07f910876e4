package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one poll schedule of every node: each node visited once per interval, node i of N at
 * offset i·interval/N (spread anew whenever the set changes), at most {@code concurrency} visits
 * running at once, the rest waiting in order. A node still being visited (a slow or dead BMC, up
 * to its timeout) is skipped until its visit ends, so it holds one slot and never more; the others
 * are late by at most that. Threads: one timer, and workers only while visits run, never more
 * than {@code concurrency} of them busy, whatever the number of nodes.
 */
final class NodePolls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodePolls.class);
    /** An idle worker gives its thread back after this long. */
    private static final long IDLE_SECONDS = 30;

    private final long intervalNanos;
    private final int concurrency;
    private final Consumer<String> visit;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, Background.named("metalvirt-node-poll"));
    private final ExecutorService workers = new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE, // bounded by the slots below: at most concurrency visits run at once
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Background.named("metalvirt-node-poll-worker"));
    // Guarded by this.
    private final List<ScheduledFuture<?>> schedule = new ArrayList<>();
    private final Set<String> busy = new HashSet<>();
    private final Deque<String> waiting = new ArrayDeque<>();
    private int running;
    private boolean closed;

    /** @param visit reads one node and brings its domain in line; must not throw */
    NodePolls(Duration interval, int concurrency, Consumer<String> visit) {
        if (concurrency <= 0) {
            throw new IllegalArgumentException("the poll concurrency must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.concurrency = concurrency;
        this.visit = visit;
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Polls these nodes from now on, spread evenly over the interval, the first one interval from now. */
    synchronized void nodes(Collection<String> nodes) {
        schedule.forEach(future -> future.cancel(false));
        schedule.clear();
        if (closed || nodes.isEmpty()) {
            return;
        }
        long step = intervalNanos / nodes.size();
        long offset = intervalNanos;
        for (String node : nodes) {
            schedule.add(timer.scheduleAtFixedRate(() -> due(node), offset, intervalNanos, TimeUnit.NANOSECONDS));
            offset += step;
        }
    }

    /**
     * Runs {@code work} once for each node, at most {@code concurrency} at once, on threads that
     * end with it; returns when all are done, or throws the first failure once all are.
     */
    void once(Collection<String> nodes, Consumer<String> work) {
        if (nodes.isEmpty()) {
            return;
        }
        ExecutorService once = Executors.newFixedThreadPool(
                Math.min(concurrency, nodes.size()), Background.named("metalvirt-node-start"));
        try {
            List<Future<?>> done = new ArrayList<>();
            nodes.forEach(node -> done.add(once.submit(() -> work.accept(node))));
            RuntimeException failed = null;
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (failed == null) {
                        failed = e.getCause() instanceof RuntimeException cause
                                ? cause
                                : new IllegalStateException(e.getCause());
                    }
                }
            }
            if (failed != null) {
                throw failed;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the nodes at start", e);
        } finally {
            once.shutdownNow();
        }
    }

    /** How many visits run now; for tests and the admin's view. */
    synchronized int running() {
        return running;
    }

    private synchronized void due(String node) {
        if (closed || !busy.add(node)) {
            LOG.debug("node {}: still being polled, skipped this round", node);
            return;
        }
        if (running < concurrency) {
            running++;
            workers.execute(() -> drain(node));
        } else {
            waiting.add(node);
        }
    }

    /** Visits {@code first}, then whatever waits for a slot, until nothing does. */
    private void drain(String first) {
        String node = first;
        while (node != null) {
            try {
                visit.accept(node);
            } catch (RuntimeException e) {
                LOG.warn("node {}: the poll failed", node, e);
            }
            node = next(node);
        }
    }

    private synchronized String next(String done) {
        busy.remove(done);
        String next = closed ? null : waiting.poll();
        if (next == null) {
            running--;
        }
        return next;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            waiting.clear();
        }
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
