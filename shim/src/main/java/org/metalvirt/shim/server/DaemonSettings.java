package org.metalvirt.shim.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.shim.dispatch.DispatchLimits;
import org.metalvirt.shim.domain.DomainSettings;
import org.metalvirt.shim.log.LogFormat;
import org.metalvirt.shim.log.LogLevels;
import org.metalvirt.shim.network.NetworkSeed;
import org.metalvirt.shim.network.NetworkService;

/**
 * The daemon's settings once the configuration file and the command line have been merged and
 * checked: everything the daemon needs to start, nothing left to interpret.
 *
 * @param tcp        where to listen for TCP clients, if at all
 * @param unixSocket the read-write Unix socket; the read-only one is {@link #readOnlySocket()}
 * @param runtimeDir where running domains' and active networks' runtime state is kept: it survives the daemon, not a
 *                   reboot ({@code /run}); by default the socket's directory, /run/metalvirt as root
 * @param networks   the networks defined at the first start; empty: one per PF of the nodes' NICs
 * @param metrics    where the Prometheus endpoint listens, if at all
 * @param backends   each node's backend name, by node name (the power metrics' label)
 * @param log        how and from which level the daemon logs
 */
public record DaemonSettings(
        Optional<InetSocketAddress> tcp,
        Path unixSocket,
        Path stateDir,
        Path runtimeDir,
        String hostname,
        DispatchLimits limits,
        int workers,
        int priorityWorkers,
        DomainSettings domains,
        List<NodeDriver> nodes,
        Optional<List<NetworkSeed>> networks,
        Optional<InetSocketAddress> metrics,
        Map<String, String> backends,
        LogSettings log,
        SecuritySettings security) {

    public DaemonSettings {
        nodes = List.copyOf(nodes);
        networks = networks.map(List::copyOf);
        backends = Map.copyOf(backends);
    }

    /** The log's format, and the root level given at start (empty: the Logback configuration's). */
    public record LogSettings(LogFormat format, Optional<String> level) {}

    /** The networks to define at the first start. */
    public List<NetworkSeed> networkSeeds() {
        return networks.orElseGet(() -> NetworkService.seedsFromPfs(nodes));
    }

    public Path readOnlySocket() {
        return unixSocket.resolveSibling(unixSocket.getFileName() + "-ro");
    }

    /** The admin socket beside the others: libvirt's admin program and metalvirt's own, root only. */
    public Path adminSocket() {
        return unixSocket.resolveSibling(unixSocket.getFileName() + "-admin");
    }

    /** Command-line options that take precedence over the file; null means "not given". */
    public record Overrides(
            String listenTcp,
            Path unixSocket,
            Path stateDir,
            String listenTls,
            Path pkiDir,
            String metrics,
            String logFormat,
            Path runtimeDir) {
        public static final Overrides NONE = new Overrides(null, null, null);

        public Overrides(String listenTcp, Path unixSocket, Path stateDir) {
            this(listenTcp, unixSocket, stateDir, null, null, null, null, null);
        }
    }

    public static DaemonSettings resolve(DaemonConfig config, Overrides overrides) {
        String tcp = overrides.listenTcp() != null ? overrides.listenTcp() : config.listen.tcp;
        Path unix = overrides.unixSocket() != null
                ? overrides.unixSocket()
                : config.listen.unix != null
                        ? Path.of(config.listen.unix)
                        : defaultRuntimeDir().resolve("metalvirt-sock");
        Path state = overrides.stateDir() != null
                ? overrides.stateDir()
                : config.stateDir != null ? Path.of(config.stateDir) : defaultStateDir();
        // Beside the sockets, as libvirt keeps both under /run/libvirt: the default socket's
        // directory is /run/metalvirt as root, the user's runtime directory otherwise.
        Path runtime = overrides.runtimeDir() != null
                ? overrides.runtimeDir()
                : config.runtimeDir != null
                        ? Path.of(config.runtimeDir)
                        : unix.toAbsolutePath().getParent();
        String hostname = config.hostname != null ? config.hostname : systemHostname();
        DispatchLimits limits;
        try {
            limits = limits(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("limits: " + e.getMessage());
        }
        if (config.limits.workers <= 0 || config.limits.priorityWorkers <= 0) {
            throw new ConfigException("limits: workers and priorityWorkers must be positive");
        }
        if (config.nodes == null || config.nodes.isEmpty()) {
            throw new ConfigException("nodes: at least one node is needed");
        }
        Set<String> names = new HashSet<>();
        for (NodeConfig node : config.nodes) {
            if (node.name == null || node.name.isBlank() || !names.add(node.name)) {
                throw new ConfigException("nodes: names must be present and unique, got '" + node.name + "'");
            }
        }
        List<NodeDriver> nodes =
                config.nodes.stream().map(node -> node.toDriver(state, runtime)).toList();
        if (config.domains.lockTimeoutSeconds <= 0
                || config.domains.shutdownTimeoutSeconds <= 0
                || config.domains.pollIntervalMillis <= 0
                || config.domains.pollConcurrency <= 0) {
            throw new ConfigException("domains: timeouts, the poll interval and its concurrency must be positive");
        }
        DomainSettings domains = new DomainSettings(
                Duration.ofSeconds(config.domains.lockTimeoutSeconds),
                Duration.ofSeconds(config.domains.shutdownTimeoutSeconds),
                Duration.ofMillis(config.domains.pollIntervalMillis),
                config.domains.pollConcurrency);
        Optional<InetSocketAddress> tcpAddress = parseTcp(tcp);
        Map<String, String> backends = new LinkedHashMap<>();
        config.nodes.forEach(node -> backends.put(node.name, node.backend));
        String metrics = overrides.metrics() != null ? overrides.metrics() : config.listen.metrics;
        return new DaemonSettings(
                tcpAddress,
                unix,
                state,
                runtime,
                hostname,
                limits,
                config.limits.workers,
                config.limits.priorityWorkers,
                domains,
                nodes,
                NetworkConfig.seeds(config.networks),
                metricsAddress(metrics),
                backends,
                logSettings(config.log, overrides.logFormat()),
                SecuritySettings.resolve(config, overrides.listenTls(), overrides.pkiDir(), tcpAddress, state));
    }

    private static Optional<InetSocketAddress> metricsAddress(String spec) {
        try {
            return parseTcp(spec);
        } catch (ConfigException e) {
            throw new ConfigException("metrics: " + e.getMessage());
        }
    }

    private static LogSettings logSettings(DaemonConfig.Log log, String formatOverride) {
        String format = formatOverride != null ? formatOverride : log.format;
        try {
            LogFormat parsed = LogFormat.named(format == null ? "text" : format);
            String level = log.level == null ? null : log.level.toUpperCase(java.util.Locale.ROOT);
            if (level != null && !LogLevels.NAMES.contains(level)) {
                throw new IllegalArgumentException("log level '" + log.level + "' is not one of " + LogLevels.NAMES);
            }
            return new LogSettings(parsed, Optional.ofNullable(level));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("log: " + e.getMessage());
        }
    }

    /** The dispatcher's limits the file gives; an {@code IllegalArgumentException} names a bad one. */
    static DispatchLimits limits(DaemonConfig config) {
        return new DispatchLimits(
                config.limits.maxClients,
                config.limits.maxRequestsPerClient,
                config.keepalive.interval,
                config.keepalive.count,
                config.limits.maxQueuedEvents,
                config.limits.maxAnonymousClients,
                config.limits.authTimeoutSeconds,
                config.limits.maxCallsInFlight);
    }

    /** Parses {@code HOST:PORT} or {@code [V6]:PORT}; empty means no TCP listener. */
    static Optional<InetSocketAddress> parseTcp(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.empty();
        }
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new ConfigException("listen address '" + spec + "' is not HOST:PORT");
        }
        String host = spec.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException("listen address '" + spec + "' has no numeric port");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("listen port " + port + " is out of range");
        }
        return Optional.of(new InetSocketAddress(literalAddress(host), port));
    }

    /** Literal addresses only (and localhost): the daemon never waits on a name lookup to start. */
    private static InetAddress literalAddress(String host) {
        if ("localhost".equals(host)) {
            return InetAddress.getLoopbackAddress();
        }
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            throw new ConfigException("listen host '" + host + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException("listen host '" + host + "' is not an IP address");
        }
    }

    /** Where a daemon started with the defaults has its admin socket, for this user. */
    public static Path defaultAdminSocket() {
        return defaultRuntimeDir().resolve("metalvirt-sock-admin");
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path defaultRuntimeDir() {
        if (root()) {
            return Path.of("/run/metalvirt");
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        return xdg != null
                ? Path.of(xdg, "metalvirt")
                : Path.of(System.getProperty("java.io.tmpdir"), "metalvirt-" + System.getProperty("user.name"));
    }

    static Path defaultStateDir() {
        return root()
                ? Path.of("/var/lib/metalvirt")
                : Path.of(System.getProperty("user.home"), ".local", "share", "metalvirt");
    }

    private static String systemHostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII)
                    .strip();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unknown) {
                return "localhost";
            }
        }
    }
}
