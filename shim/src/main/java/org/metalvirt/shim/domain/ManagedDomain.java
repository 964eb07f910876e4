package org.metalvirt.shim.domain;

import java.time.Duration;

/**
 * One domain the daemon manages: its current record, swapped whole on every change, and the
 * lock that lets one state change at a time through.
 */
final class ManagedDomain {

    private final StateLock lock = new StateLock();
    private volatile DomainRecord record;
    private volatile boolean removed;
    private volatile long jobSince;

    ManagedDomain(DomainRecord record) {
        this.record = record;
    }

    DomainRecord record() {
        return record;
    }

    void set(DomainRecord newRecord) {
        record = newRecord;
    }

    boolean removed() {
        return removed;
    }

    void markRemoved() {
        removed = true;
    }

    /** Milliseconds since the state change in progress began; 0 when none is. */
    long jobMillis() {
        long since = jobSince;
        return since == 0 ? 0 : System.currentTimeMillis() - since;
    }

    StateLock.Held lock(String operation, Duration timeout) {
        StateLock.Held held = lock.acquire(operation, timeout);
        jobSince = System.currentTimeMillis();
        return () -> {
            jobSince = 0;
            held.close();
        };
    }
}
