package org.metalvirt.shim.dispatch;

import java.util.concurrent.atomic.AtomicLong;
import org.metalvirt.shim.metrics.Metrics;

/**
 * Counters of what the daemon refused at the wire, shared by all connections, and the metrics
 * every connection's calls are counted in.
 */
public final class WireStats {

    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong keepaliveTimeouts = new AtomicLong();
    private final Metrics metrics;

    public WireStats() {
        this(new Metrics());
    }

    public WireStats(Metrics metrics) {
        this.metrics = metrics;
        metrics.wire(malformed::get, keepaliveTimeouts::get);
    }

    Metrics metrics() {
        return metrics;
    }

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
