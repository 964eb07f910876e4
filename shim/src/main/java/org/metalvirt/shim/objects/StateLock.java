package org.metalvirt.shim.objects;

import java.time.Duration;
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
    private volatile String holder = "";
    private volatile long since;

    /** Held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held acquire(JobName job, Duration timeout, ErrorDomain from) {
        try {
            if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw Failures.timedOut(from, "cannot acquire state change lock (held by " + holder + ")");
            }
        } catch (InterruptedException e) {
            throw Failures.interrupted("waiting for the state change lock", e);
        }
        holder = job.holder();
        since = System.currentTimeMillis();
        return () -> {
            since = 0;
            holder = "";
            lock.unlock();
        };
    }

    /** Milliseconds since the job holding the lock began; 0 when none does. */
    long heldMillis() {
        long start = since;
        return start == 0 ? 0 : System.currentTimeMillis() - start;
    }
}
