package org.metalvirt.shim.metrics;

import java.util.function.LongSupplier;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;

/**
 * What the daemon counts, for Prometheus, when something reads it: a daemon that serves
 * {@code /metrics} ({@link MetricsEndpoint}) counts through {@link Meters}; one that does not
 * counts nothing ({@link Off}) and never loads the Prometheus client (its classes and registry
 * were ≈0.5 MB of an idle daemon's memory, for counts nobody could read).
 */
public sealed interface Metrics permits Meters, Metrics.Off {

    /** Counting, for an endpoint to serve. */
    static Metrics counting() {
        return new Meters();
    }

    /** Counting nothing: no endpoint serves these metrics. */
    static Metrics off() {
        return Off.NOTHING;
    }

    /** A call answered, with the error it failed with (null when it succeeded). */
    void call(int program, String procedure, ErrorNumber error, long nanos);

    void connected(String transport, boolean readOnly);

    void disconnected(String transport, boolean readOnly);

    void refused(String transport);

    void eventQueued();

    void eventDropped();

    /** Counters kept elsewhere (the wire's), read at each scrape. */
    void wire(LongSupplier malformed, LongSupplier keepaliveTimeouts);

    /** The node with its power driven through the metered seam; {@code backend} names who built it. */
    NodeDriver metered(NodeDriver node, String backend);

    /** The domain service saw a node's power change that nobody here asked for. */
    void outOfBand(String node, PowerState power);

    /** Metrics off: every count is dropped, and nodes are driven as they are. */
    enum Off implements Metrics {
        NOTHING;

        @Override
        public void call(int program, String procedure, ErrorNumber error, long nanos) {}

        @Override
        public void connected(String transport, boolean readOnly) {}

        @Override
        public void disconnected(String transport, boolean readOnly) {}

        @Override
        public void refused(String transport) {}

        @Override
        public void eventQueued() {}

        @Override
        public void eventDropped() {}

        @Override
        public void wire(LongSupplier malformed, LongSupplier keepaliveTimeouts) {}

        @Override
        public NodeDriver metered(NodeDriver node, String backend) {
            return node;
        }

        @Override
        public void outOfBand(String node, PowerState power) {}
    }
}
