package org.metalvirt.shim.dispatch;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of worker threads as libvirt's {@code virThreadPool} keeps one: at least {@code min}
 * threads always, more up to {@code max} while every thread is busy (ending after a minute
 * idle), and a queue of jobs beyond that. A plain {@link ThreadPoolExecutor} queues before it
 * grows; its queue here declines a job while the pool may still grow, so it grows first.
 */
final class WorkerPool implements Executor {

    private final ThreadPoolExecutor executor;
    private final GrowFirstQueue queue = new GrowFirstQueue();

    WorkerPool(String name, int min, int max) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        executor = new ThreadPoolExecutor(min, max, 60, TimeUnit.SECONDS, queue, factory, (job, pool) -> {
            if (pool.isShutdown()) {
                throw new RejectedExecutionException("the pool is stopped");
            }
            queue.enqueue(job); // the pool reached its maximum between the queue's decline and now
        });
        queue.executor = executor;
        executor.prestartAllCoreThreads();
    }

    @Override
    public void execute(Runnable job) {
        executor.execute(job);
    }

    int min() {
        return executor.getCorePoolSize();
    }

    int max() {
        return executor.getMaximumPoolSize();
    }

    int size() {
        return executor.getPoolSize();
    }

    int free() {
        return Math.max(0, executor.getPoolSize() - executor.getActiveCount());
    }

    int queued() {
        return queue.size();
    }

    /** New bounds; the caller checked them ({@code 0 <= min <= max}, {@code max >= 1}). */
    synchronized void resize(int min, int max) {
        if (max >= executor.getCorePoolSize()) {
            executor.setMaximumPoolSize(max);
            executor.setCorePoolSize(min);
        } else {
            executor.setCorePoolSize(min);
            executor.setMaximumPoolSize(max);
        }
        executor.prestartAllCoreThreads();
    }

    void shutdownNow() {
        executor.shutdownNow();
    }

    private static final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

        private transient volatile ThreadPoolExecutor executor;

        @Override
        public boolean offer(Runnable job) {
            ThreadPoolExecutor pool = executor;
            // Grow while the idle threads are fewer than the jobs already waiting plus this one.
            if (pool != null
                    && pool.getActiveCount() + size() >= pool.getPoolSize()
                    && pool.getPoolSize() < pool.getMaximumPoolSize()) {
                return false;
            }
            return super.offer(job);
        }

        void enqueue(Runnable job) {
            super.offer(job);
        }
    }
}
