package org.metalvirt.shim.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.protocol.Program;

/**
 * The counters behind {@link Metrics}: one Prometheus registry per daemon, fed at the narrow
 * points only (the dispatcher, the event bus, the power seam, the reconciler); a few atomic adds
 * per call. Labels are bounded sets: procedures, libvirt codes, backends, drivers, node names.
 */
final class Meters implements Metrics {

    /** Calls answer in microseconds, or wait on hardware for minutes (a shutdown). */
    private static final double[] CALL_SECONDS = {0.001, 0.005, 0.025, 0.1, 0.5, 1, 2.5, 10, 30, 120, 300};

    /** A read takes milliseconds; a power-on waits for power good; a forced off holds the button seconds. */
    private static final double[] POWER_SECONDS = {0.01, 0.05, 0.25, 1, 2.5, 5, 10, 30, 60, 120, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter calls = Counter.builder()
            .name("metalvirt_calls_total")
            .help("RPC calls answered, by program, procedure and result (ok or error)")
            .labelNames("program", "procedure", "result")
            .register(registry);
    private final Histogram callSeconds = Histogram.builder()
            .name("metalvirt_call_duration_seconds")
            .help("Time from a call's arguments decoded to its reply encoded, by program and procedure")
            .labelNames("program", "procedure")
            .classicOnly()
            .classicUpperBounds(CALL_SECONDS)
            .register(registry);
    private final Counter callErrors = Counter.builder()
            .name("metalvirt_call_errors_total")
            .help("Calls answered with a libvirt error, by its virErrorNumber")
            .labelNames("code")
            .register(registry);
    private final Gauge connections = Gauge.builder()
            .name("metalvirt_connections")
            .help("Client connections open now, by transport and socket access")
            .labelNames("transport", "access")
            .register(registry);
    private final Counter accepted = Counter.builder()
            .name("metalvirt_connections_accepted_total")
            .help("Client connections accepted, by transport")
            .labelNames("transport")
            .register(registry);
    private final Counter refused = Counter.builder()
            .name("metalvirt_connections_refused_total")
            .help("Client connections closed at once because limits.maxClients were connected")
            .labelNames("transport")
            .register(registry);
    private final Counter eventsQueued = Counter.builder()
            .name("metalvirt_events_queued_total")
            .help("Event messages queued to a registered connection")
            .register(registry);
    private final Counter eventsDropped = Counter.builder()
            .name("metalvirt_events_dropped_total")
            .help("Event messages not sent: their connection had limits.maxQueuedEvents unread and was closed")
            .register(registry);
    private final Counter powerOperations = Counter.builder()
            .name("metalvirt_power_operations_total")
            .help("Power operations on a node's hardware, by backend, driver, operation and result")
            .labelNames("backend", "driver", "operation", "result")
            .register(registry);
    private final Histogram powerSeconds = Histogram.builder()
            .name("metalvirt_power_operation_duration_seconds")
            .help("Time a power operation took until the hardware confirmed it, by backend and operation")
            .labelNames("backend", "operation")
            .classicOnly()
            .classicUpperBounds(POWER_SECONDS)
            .register(registry);
    private final Counter outOfBand = Counter.builder()
            .name("metalvirt_power_changes_out_of_band_total")
            .help("Power changes no call asked for (a button, the OS, another BMC client), by node and new state")
            .labelNames("node", "power")
            .register(registry);
    private final Counter hardwareErrors = Counter.builder()
            .name("metalvirt_hardware_errors_total")
            .help("Hardware operations that failed, by driver and libvirt code")
            .labelNames("driver", "code")
            .register(registry);

    private static final Program[] PROGRAMS = Program.values();

    /** Per program (by ordinal), each procedure's meters; calls of an unknown program are not cached. */
    private final Map<String, CallMeter>[] meters = newMeters();

    private final AtomicReferenceArray<CounterDataPoint> errors =
            new AtomicReferenceArray<>(ErrorNumber.values().length);

    @SuppressWarnings("unchecked")
    private static Map<String, CallMeter>[] newMeters() {
        Map<String, CallMeter>[] byProgram = new Map[PROGRAMS.length];
        for (int i = 0; i < byProgram.length; i++) {
            byProgram[i] = new ConcurrentHashMap<>();
        }
        return byProgram;
    }

    PrometheusRegistry registry() {
        return registry;
    }

    /** A call answered, with the error it failed with (null when it succeeded). */
    @Override
    public void call(int program, String procedure, ErrorNumber error, long nanos) {
        CallMeter meter = meter(program, procedure);
        meter.result(error).inc();
        meter.seconds.observe(nanos / 1e9);
        if (error != null) {
            CounterDataPoint code = errors.get(error.ordinal());
            if (code == null) {
                code = callErrors.labelValues(code(error));
                errors.set(error.ordinal(), code);
            }
            code.inc();
        }
    }

    private CallMeter meter(int program, String procedure) {
        for (Program known : PROGRAMS) {
            if (known.id() == program) {
                Map<String, CallMeter> byName = meters[known.ordinal()];
                CallMeter meter = byName.get(procedure);
                return meter != null
                        ? meter
                        : byName.computeIfAbsent(procedure, name -> new CallMeter(label(known.name()), name));
            }
        }
        return new CallMeter("0x" + Integer.toHexString(program), procedure);
    }

    /**
     * A procedure's own counters, found once: the label lookups stay off the call path. Its error
     * count is created by its first error, so a procedure that never failed shows none.
     */
    private final class CallMeter {
        private final String program;
        private final String procedure;
        private final CounterDataPoint ok;
        private final DistributionDataPoint seconds;
        private volatile CounterDataPoint error;

        CallMeter(String program, String procedure) {
            this.program = program;
            this.procedure = procedure;
            this.ok = calls.labelValues(program, procedure, "ok");
            this.seconds = callSeconds.labelValues(program, procedure);
        }

        CounterDataPoint result(ErrorNumber failed) {
            if (failed == null) {
                return ok;
            }
            CounterDataPoint known = error;
            if (known == null) {
                known = calls.labelValues(program, procedure, "error");
                error = known;
            }
            return known;
        }
    }

    @Override
    public void connected(String transport, boolean readOnly) {
        accepted.labelValues(label(transport)).inc();
        connections.labelValues(label(transport), readOnly ? "ro" : "rw").inc();
    }

    @Override
    public void disconnected(String transport, boolean readOnly) {
        connections.labelValues(label(transport), readOnly ? "ro" : "rw").dec();
    }

    @Override
    public void refused(String transport) {
        refused.labelValues(label(transport)).inc();
    }

    @Override
    public void eventQueued() {
        eventsQueued.inc();
    }

    @Override
    public void eventDropped() {
        eventsDropped.inc();
    }

    /** Counters kept elsewhere (the wire's), read at each scrape. */
    @Override
    public void wire(LongSupplier malformed, LongSupplier keepaliveTimeouts) {
        CounterWithCallback.builder()
                .name("metalvirt_malformed_connections_total")
                .help("Connections closed because their input broke the protocol")
                .callback(callback -> callback.call(malformed.getAsLong()))
                .register(registry);
        CounterWithCallback.builder()
                .name("metalvirt_keepalive_timeouts_total")
                .help("Connections closed because the client stopped answering keepalive pings")
                .callback(callback -> callback.call(keepaliveTimeouts.getAsLong()))
                .register(registry);
    }

    /** The domain service saw a node's power change that nobody here asked for. */
    @Override
    public NodeDriver metered(NodeDriver node, String backend) {
        return node.withPower(new MeteredPower(node.power(), backend, this));
    }

    @Override
    public void outOfBand(String node, PowerState power) {
        outOfBand.labelValues(node, label(power.name())).inc();
    }

    void power(String backend, String driver, String operation, ErrorNumber error, long nanos) {
        powerOperations
                .labelValues(backend, driver, operation, error == null ? "ok" : "error")
                .inc();
        powerSeconds.labelValues(backend, operation).observe(nanos / 1e9);
    }

    void hardwareError(String driver, ErrorNumber error) {
        hardwareErrors.labelValues(driver, code(error)).inc();
    }

    private static String label(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String code(ErrorNumber error) {
        return "VIR_ERR_" + error.name();
    }
}
