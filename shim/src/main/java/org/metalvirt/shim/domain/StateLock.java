package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;

/**
 * One state-changing operation per domain at a time, as libvirt's domain jobs: a second one
 * waits up to a bound, then fails the way libvirt fails it.
 */
final class StateLock {

    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile String holder = "";

    /** Held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    Held acquire(String operation, Duration timeout) {
        try {
            if (!lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new VirtException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.DOMAIN,
                        "Timed out during operation: cannot acquire state change lock (held by " + holder + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.DOMAIN,
                    "interrupted while waiting for the state change lock");
        }
        holder = operation;
        return () -> {
            holder = "";
            lock.unlock();
        };
    }
}
