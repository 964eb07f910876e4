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
    private final AtomicLong undecodable = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong authTimeouts = new AtomicLong();
    private final Metrics metrics;

    public WireStats() {
        this(Metrics.counting());
    }

    public WireStats(Metrics metrics) {
        this.metrics = metrics;
        metrics.wire(malformed::get, keepaliveTimeouts::get);
    }

    Metrics metrics() {
        return metrics;
    }

    void countUndecodable() {
        undecodable.incrementAndGet();
    }

    void countRefused() {
        refused.incrementAndGet();
    }

    void countAuthTimeout() {
        authTimeouts.incrementAndGet();
    }

    /** Calls answered "Unable to decode message payload"; their connections stayed. */
    public long undecodable() {
        return undecodable.get();
    }

    /** Connections closed on accept because their socket had no slot left. */
    public long refused() {
        return refused.get();
    }

    /** Connections closed because they did not open a connection in time. */
    public long authTimeouts() {
        return authTimeouts.get();
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
