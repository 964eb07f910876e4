package org.metalvirt.shim.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongSupplier;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;

/**
 * What the daemon counts, for Prometheus, when something reads it: a daemon that serves
 * {@code /metrics} ({@link MetricsEndpoint}) counts through {@link Meters}; one that does not
 * counts nothing and never loads the Prometheus client (its classes and registry were ≈0.5 MB of
 * an idle daemon's memory, for counts nobody could read).
 */
public final class Metrics {

    /** Null when nothing is counted. */
    private final Meters meters;

    /** Counting, for an endpoint to serve. */
    public Metrics() {
        this(new Meters());
    }

    private Metrics(Meters meters) {
        this.meters = meters;
    }

    /** Counting nothing: no endpoint serves these metrics. */
    public static Metrics off() {
        return new Metrics(null);
    }

    PrometheusRegistry registry() {
        if (meters == null) {
            throw new IllegalStateException("metrics are off");
        }
        return meters.registry();
    }

    /** A call answered, with the error it failed with (null when it succeeded). */
    public void call(int program, String procedure, ErrorNumber error, long nanos) {
        if (meters != null) {
            meters.call(program, procedure, error, nanos);
        }
    }

    public void connected(String transport, boolean readOnly) {
        if (meters != null) {
            meters.connected(transport, readOnly);
        }
    }

    public void disconnected(String transport, boolean readOnly) {
        if (meters != null) {
            meters.disconnected(transport, readOnly);
        }
    }

    public void refused(String transport) {
        if (meters != null) {
            meters.refused(transport);
        }
    }

    public void eventQueued() {
        if (meters != null) {
            meters.eventQueued();
        }
    }

    public void eventDropped() {
        if (meters != null) {
            meters.eventDropped();
        }
    }

    /** Counters kept elsewhere (the wire's), read at each scrape. */
    public void wire(LongSupplier malformed, LongSupplier keepaliveTimeouts) {
        if (meters != null) {
            meters.wire(malformed, keepaliveTimeouts);
        }
    }

    /** The node with its power driven through the metered seam; {@code backend} names who built it. */
    public NodeDriver metered(NodeDriver node, String backend) {
        return meters == null ? node : node.withPower(new MeteredPower(node.power(), backend, meters));
    }

    /** The domain service saw a node's power change that nobody here asked for. */
    public void outOfBand(String node, PowerState power) {
        if (meters != null) {
            meters.outOfBand(node, power);
        }
    }
}
