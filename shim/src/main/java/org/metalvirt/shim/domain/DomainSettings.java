package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of domain operations.
 *
 * @param lockTimeout     how long a state change waits for the one in progress on its domain
 * @param shutdownTimeout how long a reboot waits for the server's OS to shut down
 * @param pollInterval    how often every node's power is read, for changes no edge reported
 * @param pollConcurrency how many of those reads may run at once (each a BMC round trip)
 */
public record DomainSettings(
        Duration lockTimeout, Duration shutdownTimeout, Duration pollInterval, int pollConcurrency) {

    /**
     * Reads in flight at once by default: 1000 BMCs read every 5 s at up to 50 ms each (an
     * ipmitool run) need 10; a dead BMC holds one until its timeout.
     */
    public static final int DEFAULT_POLL_CONCURRENCY = 16;

    /** libvirt waits 30 s for a domain job; a server's OS gets five minutes to shut down. */
    public static final DomainSettings DEFAULT =
            new DomainSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5));

    public DomainSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
        if (pollConcurrency <= 0) {
            throw new IllegalArgumentException("the poll concurrency must be positive");
        }
    }

    /** With the default poll concurrency. */
    public DomainSettings(Duration lockTimeout, Duration shutdownTimeout, Duration pollInterval) {
        this(lockTimeout, shutdownTimeout, pollInterval, DEFAULT_POLL_CONCURRENCY);
    }
}
