package org.metalvirt.shim.dispatch;

/**
 * Per-connection limits and keepalive timing.
 *
 * @param maxClients           connections accepted at once; further ones are closed on accept
 * @param maxRequestsPerClient calls one connection may have in flight; past it the daemon stops
 *                             reading from that connection until one completes
 * @param keepaliveIntervalSeconds idle time before the daemon pings a client that asked for keepalive
 * @param keepaliveCount       pings left unanswered before the client is declared dead
 * @param maxQueuedEvents      events a connection may have unwritten before it is disconnected
 * @param maxAnonymousClients  connections not yet open (libvirtd: unauthenticated) a socket accepts at once
 * @param authTimeoutSeconds   time a connection has to open before it is closed
 * @param maxCallsInFlight     calls queued or running over all connections; past it reading pauses
 */
public record DispatchLimits(
        int maxClients,
        int maxRequestsPerClient,
        int keepaliveIntervalSeconds,
        int keepaliveCount,
        int maxQueuedEvents,
        int maxAnonymousClients,
        int authTimeoutSeconds,
        int maxCallsInFlight) {

    /**
     * libvirtd's defaults, except calls in flight per client, raised for agents that poll many
     * domains at once; libvirtd has no open timeout, a minute leaves time to type a SASL password.
     */
    public static final DispatchLimits DEFAULT = new DispatchLimits(5000, 32, 5, 5, 10000, 20, 60, 1000);

    public DispatchLimits {
        if (maxClients <= 0
                || maxRequestsPerClient <= 0
                || keepaliveIntervalSeconds <= 0
                || keepaliveCount < 0
                || maxQueuedEvents <= 0
                || maxAnonymousClients <= 0
                || authTimeoutSeconds <= 0
                || maxCallsInFlight <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxClients + ", "
                    + maxRequestsPerClient + ", " + keepaliveIntervalSeconds + ", " + keepaliveCount + ", "
                    + maxQueuedEvents + ", " + maxAnonymousClients + ", " + authTimeoutSeconds + ", "
                    + maxCallsInFlight);
        }
    }
}
