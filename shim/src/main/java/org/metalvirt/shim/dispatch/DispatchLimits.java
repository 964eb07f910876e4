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
 */
public record DispatchLimits(
        int maxClients,
        int maxRequestsPerClient,
        int keepaliveIntervalSeconds,
        int keepaliveCount,
        int maxQueuedEvents) {

    /** libvirtd's defaults, except calls in flight, raised for agents that poll many domains at once. */
    public static final DispatchLimits DEFAULT = new DispatchLimits(5000, 32, 5, 5, 10000);

    public DispatchLimits {
        if (maxClients <= 0
                || maxRequestsPerClient <= 0
                || keepaliveIntervalSeconds <= 0
                || keepaliveCount < 0
                || maxQueuedEvents <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxClients + ", "
                    + maxRequestsPerClient + ", " + keepaliveIntervalSeconds + ", " + keepaliveCount + ", "
                    + maxQueuedEvents);
        }
    }
}
