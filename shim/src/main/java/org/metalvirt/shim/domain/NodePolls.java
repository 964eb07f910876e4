package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one poll schedule of every node: each node visited once per interval, node i of N at
 * offset i·interval/N (spread anew whenever the set changes), at most {@code concurrency} visits
 * running at once, the rest waiting in order. A node still being visited (a slow or dead BMC, up
 * to its timeout) is skipped until its visit ends, so it holds one slot and never more; the others
 * are late by at most that. Threads: one timer, and runners that take visits in turn, a new one
 * only when none is idle, never more than {@code concurrency}, whatever the number of nodes.
 */
final class NodePolls implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodePolls.class);
    /** An idle runner gives its thread back after this long. */
    private static final long IDLE_SECONDS = 10;

    private final long intervalNanos;
    private final int concurrency;
    private final Consumer<String> visit;
    private final ScheduledThreadPoolExecutor timer =
            new ScheduledThreadPoolExecutor(1, Background.named("metalvirt-node-poll"));
    private final ExecutorService workers = new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE, // bounded by the runners below: at most concurrency of them
            1,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            Background.named("metalvirt-node-poll-worker"));
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private final List<ScheduledFuture<?>> schedule = new ArrayList<>();
    private final Set<String> busy = new HashSet<>();
    private final Deque<String> waiting = new ArrayDeque<>();
    /** Threads taking visits from {@code waiting}, {@code starting} of them not yet taking. */
    private int runners;

    private int starting;
    /**
     * The idle ones, the last idled on top: work goes to it, so that the others stay idle and
     * give their threads back once quick reads need no more than one.
     */
    private final Deque<Condition> idle = new ArrayDeque<>();

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
    void nodes(Collection<String> nodes) {
        lock.lock();
        try {
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
        } finally {
            lock.unlock();
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
                Math.min(concurrency, nodes.size()), Background.named("metalvirt-node-read"));
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
            throw new IllegalStateException("interrupted reading the nodes", e);
        } finally {
            once.shutdownNow();
        }
    }

    /**
     * As {@link #once}, keeping what {@code read} returns for each node (distinct names), in the
     * nodes' order: an operator's listing of a rack reads its nodes as the start does.
     */
    <T> List<T> each(List<String> nodes, Function<String, T> read) {
        Map<String, T> results = new ConcurrentHashMap<>();
        once(nodes, node -> results.put(node, read.apply(node)));
        return nodes.stream().map(results::get).toList();
    }

    /** Threads taking visits now, idle ones included. */
    int runners() {
        lock.lock();
        try {
            return runners;
        } finally {
            lock.unlock();
        }
    }

    /** How many visits run now. */
    int running() {
        lock.lock();
        try {
            return runners - idle.size();
        } finally {
            lock.unlock();
        }
    }

    private void due(String node) {
        lock.lock();
        try {
            if (closed || !busy.add(node)) {
                LOG.debug("node {}: still being polled, skipped this round", node);
                return;
            }
            waiting.add(node);
            if (!idle.isEmpty()) {
                idle.pop().signal();
            } else if (starting == 0 && runners < concurrency) {
                // One started and not yet taking will take this: threads start slowly on a busy card.
                runners++;
                starting++;
                workers.execute(this::run);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A runner: visits what waits, one node at a time, until nothing has waited for a while. */
    private void run() {
        lock.lock();
        try {
            starting--;
        } finally {
            lock.unlock();
        }
        for (String node = take(); node != null; node = take()) {
            try {
                visit.accept(node);
            } catch (RuntimeException e) {
                LOG.warn("node {}: the poll failed", node, e);
            } finally {
                lock.lock();
                try {
                    busy.remove(node);
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** The next node to visit; null once none came for {@link #IDLE_SECONDS} or the polls close. */
    private String take() {
        lock.lock();
        try {
            long left = TimeUnit.SECONDS.toNanos(IDLE_SECONDS);
            while (waiting.isEmpty()) {
                if (closed || left <= 0) {
                    runners--;
                    return null;
                }
                Condition woken = lock.newCondition();
                idle.push(woken);
                try {
                    left = woken.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // closing
                    runners--;
                    return null;
                } finally {
                    idle.remove(woken); // still there when the time ran out
                }
            }
            return waiting.poll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiting.clear();
            idle.forEach(Condition::signal);
        } finally {
            lock.unlock();
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
