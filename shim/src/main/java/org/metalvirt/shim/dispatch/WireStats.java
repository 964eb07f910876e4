package org.metalvirt.shim.dispatch;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of what the daemon refused at the wire, shared by all connections. */
public final class WireStats {

    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong keepaliveTimeouts = new AtomicLong();

    void countMalformed() {
        malformed.incrementAndGet();
    }

    void countKeepaliveTimeout() {
        keepaliveTimeouts.incrementAndGet();
    }

    /** Connections closed because their input broke the protocol. */
    public long malformed() {
        return malformed.get();
    }

    /** Connections closed because the client stopped answering pings. */
    public long keepaliveTimeouts() {
        return keepaliveTimeouts.get();
    }
}
