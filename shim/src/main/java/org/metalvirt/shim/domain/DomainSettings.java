package org.metalvirt.shim.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing of domain operations.
 *
 * @param lockTimeout     how long a state change waits for the one in progress on its domain
 * @param shutdownTimeout how long a reboot waits for the server's OS to shut down
 * @param pollInterval    how often every node's power is read, for changes no edge reported
 */
public record DomainSettings(Duration lockTimeout, Duration shutdownTimeout, Duration pollInterval) {

    /** libvirt waits 30 s for a domain job; a server's OS gets five minutes to shut down. */
    public static final DomainSettings DEFAULT =
            new DomainSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(5));

    public DomainSettings {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive");
        }
    }
}
