package org.metalvirt.shim.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Serves {@code /metrics} in Prometheus' text format over plain HTTP, on the configured address only. */
public final class MetricsEndpoint implements AutoCloseable {

    private final HTTPServer server;
    private final InetSocketAddress address;

    private MetricsEndpoint(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    public static MetricsEndpoint start(InetSocketAddress address, Metrics metrics) {
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(address.getAddress())
                    .port(address.getPort())
                    .registry(meters(metrics).registry())
                    .buildAndStart();
            return new MetricsEndpoint(server, new InetSocketAddress(address.getAddress(), server.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + address, e);
        }
    }

    private static Meters meters(Metrics metrics) {
        if (metrics instanceof Meters meters) {
            return meters;
        }
        throw new IllegalStateException("metrics are off");
    }

    /** Where it listens, with the port actually bound. */
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close();
    }
}
