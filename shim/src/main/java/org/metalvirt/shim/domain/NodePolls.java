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
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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
 * only when none is idle, never more than {@code concurrency}, whatever the number of nodes. Reads
 * of every node at once ({@link #once}: the start, an operator's listing) queue on the same runners.
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
    /** Visits, and the reads of {@link #once} (futures, so that closing can cancel them). */
    private final Deque<Runnable> waiting = new ArrayDeque<>();
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
     * Runs {@code work} once for each node on the runners, in order behind the visits waiting, at
     * most {@code concurrency} at once; returns when all are done, or throws the first failure once
     * all are. Not from inside a visit or a read: it would wait for a runner it holds.
     */
    void once(Collection<String> nodes, Consumer<String> work) {
        if (nodes.isEmpty()) {
            return;
        }
        List<FutureTask<Void>> reads = new ArrayList<>();
        nodes.forEach(node -> reads.add(new FutureTask<>(() -> work.accept(node), null)));
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the node polls are closed");
            }
            waiting.addAll(reads);
            wake();
        } finally {
            lock.unlock();
        }
        RuntimeException failed = null;
        for (FutureTask<Void> read : reads) {
            try {
                read.get();
            } catch (ExecutionException e) {
                if (failed == null) {
                    failed = e.getCause() instanceof RuntimeException cause
                            ? cause
                            : new IllegalStateException(e.getCause());
                }
            } catch (CancellationException e) {
                throw new IllegalStateException("the node polls closed while reading the nodes", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reads.forEach(left -> left.cancel(false));
                throw new IllegalStateException("interrupted reading the nodes", e);
            }
        }
        if (failed != null) {
            throw failed;
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
            waiting.add(() -> visit(node));
            wake();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Under the lock, work waiting: an idle runner takes it, else one more starts, up to the bound.
     * One at a time: one started and not yet taking will take it (threads start slowly on a busy
     * card), and wakes the next if more waits then.
     */
    private void wake() {
        if (!idle.isEmpty()) {
            idle.pop().signal();
        } else if (starting == 0 && runners < concurrency) {
            runners++;
            starting++;
            workers.execute(this::run);
        }
    }

    private void visit(String node) {
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

    /** A runner: visits what waits, one node at a time, until nothing has waited for a while. */
    private void run() {
        lock.lock();
        try {
            starting--;
        } finally {
            lock.unlock();
        }
        for (Runnable task = take(); task != null; task = take()) {
            task.run();
        }
    }

    /** The next visit or read; null once none came for {@link #IDLE_SECONDS} or the polls close. */
    private Runnable take() {
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
            Runnable task = waiting.poll();
            if (!waiting.isEmpty()) {
                wake(); // more than this runner takes: another one, or an idle one, takes the next
            }
            return task;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiting.forEach(task -> {
                if (task instanceof Future<?> read) {
                    read.cancel(false);
                }
            });
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
