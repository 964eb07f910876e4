package org.metalvirt.shim.dispatch;

import java.util.concurrent.Executor;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.protocol.Priority;

/**
 * The threads handlers run on, as libvirtd's worker pools: normal workers for everything, and a
 * few priority workers for high-priority calls, so lookups and state queries keep being answered
 * while every normal worker waits on slow hardware. The queues are bounded by the calls each
 * client may have in flight and by {@link CallBudget}, over all clients. An operator reads and
 * changes the pools' sizes through libvirt's admin program, as libvirtd's.
 */
public final class Workers implements AutoCloseable {

    /** What libvirt's {@code virAdmServerGetThreadPoolParameters} reports. */
    public record Parameters(
            int minWorkers, int maxWorkers, int nWorkers, int freeWorkers, int prioWorkers, int jobQueueDepth) {}

    private final Executor normal;
    private final Executor priority;
    private final CallBudget budget;

    /** Normal workers kept while idle, libvirtd's {@code min_workers}: more start only while all are busy. */
    static final int MIN_IDLE_WORKERS = 5;

    /**
     * Pools to start with ({@link #set} changes them): up to {@code normalThreads} normal workers,
     * {@link #MIN_IDLE_WORKERS} of them kept while idle, and {@code priorityThreads} priority workers.
     *
     * @param maxCallsInFlight calls queued or running over all connections, past which reading pauses
     */
    public Workers(int normalThreads, int priorityThreads, int maxCallsInFlight) {
        this(
                new WorkerPool("metalvirt-worker", Math.min(MIN_IDLE_WORKERS, normalThreads), normalThreads),
                new WorkerPool("metalvirt-prio", priorityThreads, priorityThreads),
                new CallBudget(maxCallsInFlight));
    }

    /** The admin server's: normal workers between {@code min} and {@code max}, and {@code priority} priority workers. */
    public static Workers admin(int min, int max, int priority) {
        return new Workers(
                new WorkerPool("metalvirt-admin", min, max),
                new WorkerPool("metalvirt-admin-prio", priority, priority),
                CallBudget.UNBOUNDED);
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

    public Parameters parameters() {
        WorkerPool pool = pool(normal);
        WorkerPool prio = pool(priority);
        return new Parameters(
                pool.min(), pool.max(), pool.size(), pool.free(), prio.max(), pool.queued() + prio.queued());
    }

    /**
     * Changes the pools as libvirt's {@code virThreadPoolSetParameters}, each value only when given
     * ({@code -1} leaves it). Unlike libvirtd, neither pool may have no thread at all: high-priority
     * calls always have their own, and a pool that may not grow would never run a call.
     */
    public synchronized void set(long minWorkers, long maxWorkers, long prioWorkers) {
        WorkerPool pool = pool(normal);
        long max = maxWorkers >= 0 ? maxWorkers : pool.max();
        long min = minWorkers >= 0 ? minWorkers : pool.min();
        if (min > max) {
            throw invalid("minWorkers cannot be larger than maxWorkers");
        }
        if (max == 0 || prioWorkers == 0) {
            throw invalid("maxWorkers and prioWorkers must not be zero: calls need a thread to run on");
        }
        if (max > Short.MAX_VALUE || prioWorkers > Short.MAX_VALUE) {
            throw invalid("at most " + Short.MAX_VALUE + " workers");
        }
        pool.resize((int) min, (int) max);
        if (prioWorkers > 0) {
            pool(priority).resize((int) prioWorkers, (int) prioWorkers);
        }
    }

    private static VirtException invalid(String message) {
        return new VirtException(ErrorNumber.INVALID_ARG, ErrorDomain.ADMIN, "invalid argument: " + message);
    }

    private static WorkerPool pool(Executor executor) {
        if (executor instanceof WorkerPool pool) {
            return pool;
        }
        throw new IllegalStateException("these workers are not the daemon's pools");
    }

    @Override
    public void close() {
        for (Executor executor : new Executor[] {normal, priority}) {
            if (executor instanceof WorkerPool pool) {
                pool.shutdownNow();
            } else if (executor instanceof java.util.concurrent.ExecutorService service) {
                service.shutdownNow();
            }
        }
    }
}
