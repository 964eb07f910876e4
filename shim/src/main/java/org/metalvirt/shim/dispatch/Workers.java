package org.metalvirt.shim.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.metalvirt.shim.protocol.Priority;

/**
 * The threads handlers run on, as libvirtd's worker pools: normal workers for everything, and a
 * few priority workers for high-priority calls, so lookups and state queries keep being answered
 * while every normal worker waits on slow hardware. The queues are bounded by the calls each
 * client may have in flight and by {@link CallBudget}, over all clients.
 */
public final class Workers implements AutoCloseable {

    private final Executor normal;
    private final Executor priority;
    private final CallBudget budget;

    /** @param maxCallsInFlight calls queued or running over all connections, past which reading pauses */
    public Workers(int normalThreads, int priorityThreads, int maxCallsInFlight) {
        this(
                pool("metalvirt-worker", normalThreads),
                pool("metalvirt-prio", priorityThreads),
                new CallBudget(maxCallsInFlight));
    }

    Workers(Executor normal, Executor priority) {
        this(normal, priority, CallBudget.UNBOUNDED);
    }

    Workers(Executor normal, Executor priority, CallBudget budget) {
        this.normal = normal;
        this.priority = priority;
        this.budget = budget;
    }

    CallBudget budget() {
        return budget;
    }

    Executor executorFor(Priority level) {
        return level == Priority.HIGH ? priority : normal;
    }

    private static ExecutorService pool(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
    }

    @Override
    public void close() {
        for (Executor executor : new Executor[] {normal, priority}) {
            if (executor instanceof ExecutorService service) {
                service.shutdownNow();
            }
        }
    }
}
