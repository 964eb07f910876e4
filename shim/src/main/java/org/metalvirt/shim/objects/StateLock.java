package org.metalvirt.shim.objects;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.Failures;

/**
 * One state-changing job per object at a time, as libvirt's object jobs: a second one waits
 * up to a bound, then fails the way libvirt fails it, naming the job that holds the lock.
 */
final class StateLock {

    private final ReentrantLock lock = new ReentrantLock(true);
    /** The job holding the lock and when it took it; null while the lock is free. */
    private volatile Running running;

    /** A job in progress: what it is, and since when (epoch milliseconds). */
    record Running(JobName job, long since) {}

    /** Held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held acquire(JobName job, Duration timeout, ErrorDomain from) {
        try {
            if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                Running holder = running;
                throw Failures.timedOut(
                        from,
                        "cannot acquire state change lock (held by "
                                + (holder == null ? "" : holder.job().holder()) + ")");
            }
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting for the state change lock", e);
        }
        running = new Running(job, System.currentTimeMillis());
        return () -> {
            running = null;
            lock.unlock();
        };
    }

    /** The lock if it is free now; empty while a job holds it. */
    Optional<Held> tryAcquire(JobName job) {
        try {
            // Timed, so that it honours the queue: jobs already waiting go first.
            if (!lock.tryLock(0, TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting for the state change lock", e);
        }
        running = new Running(job, System.currentTimeMillis());
        return Optional.of(() -> {
            running = null;
            lock.unlock();
        });
    }

    /** Milliseconds since the job holding the lock began; 0 when none does. */
    long heldMillis() {
        Running now = running;
        return now == null ? 0 : System.currentTimeMillis() - now.since();
    }

    /** The job holding the lock now, if one does. */
    Optional<JobInProgress> running() {
        Running now = running;
        return now == null
                ? Optional.empty()
                : Optional.of(new JobInProgress(now.job(), Math.max(0, System.currentTimeMillis() - now.since())));
    }
}
