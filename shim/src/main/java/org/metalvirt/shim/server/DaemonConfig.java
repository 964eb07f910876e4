package org.metalvirt.shim.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metalvirt.shim.domain.DomainSettings;

/**
 * The daemon's configuration file, YAML. Every field has a default, so an
 * empty file (or none) gives the embedded default: TCP on 127.0.0.1:16509, sockets in the
 * runtime directory, one simulated node. Unknown keys are errors, so a typo never passes
 * silently. The shape is documented in the README.
 */
public final class DaemonConfig {

    public Listen listen = new Listen();
    public String stateDir;
    /** Runtime state of running domains and active networks (tmpfs, emptied by a reboot); absent: the socket's directory. */
    public String runtimeDir;

    public String hostname;
    public Limits limits = new Limits();
    public Keepalive keepalive = new Keepalive();
    public Domains domains = new Domains();
    public SecurityConfig.Auth auth = new SecurityConfig.Auth();
    public SecurityConfig.Tls tls = new SecurityConfig.Tls();
    public SecurityConfig.Sasl sasl = new SecurityConfig.Sasl();
    public Log log = new Log();
    public List<NodeConfig> nodes = new ArrayList<>(List.of(new NodeConfig()));
    /** The networks defined at the first start; absent: one per PF of the nodes' NICs. */
    public List<NetworkConfig> networks;

    /** Where clients reach the daemon. */
    public static final class Listen {
        /** {@code HOST:PORT}, {@code [V6]:PORT}; empty to disable TCP. */
        public String tcp = "127.0.0.1:16509";
        /** The read-write socket; the read-only one is beside it, with {@code -ro} appended. */
        public String unix;
        /** {@code HOST:PORT} of the TLS listener (libvirt's 16514); absent: no TLS. */
        public String tls;
        /** The read-write socket's group (mode 0770); absent: owner only (0700). */
        public String unixGroup;
        /** {@code HOST:PORT} of the Prometheus endpoint ({@code /metrics}); absent or empty: none. */
        public String metrics;
    }

    public static final class Log {
        /** {@code text} (the Logback configuration's lines) or {@code json} (one object per line). */
        public String format = "text";
        /** The root logger's level at start; absent: the Logback configuration's. */
        public String level;
    }

    public static final class Limits {
        public int maxClients = 5000;
        public int maxRequestsPerClient = 32;
        public int workers = 16;
        public int priorityWorkers = 4;
        /** Events a connection may have unwritten before it is disconnected as too slow. */
        public int maxQueuedEvents = 10000;
        /** Connections of one socket that have not opened yet (libvirtd: unauthenticated). */
        public int maxAnonymousClients = 20;
        /** Seconds a connection has to open (authenticate) before it is closed. */
        public int authTimeoutSeconds = 60;
        /** Calls queued or running over all connections; past it the daemon stops reading new ones. */
        public int maxCallsInFlight = 1000;
    }

    public static final class Keepalive {
        public int interval = 5;
        public int count = 5;
    }

    public static final class Domains {
        /** How long a state change waits for the one in progress on the same domain. */
        public int lockTimeoutSeconds = 30;
        /** How long a reboot waits for the server's OS to shut down. */
        public int shutdownTimeoutSeconds = 300;
        /** How often every node's power is read, for changes the hardware reported no edge for, and node devices compared. */
        public int pollIntervalMillis = 5000;
        /** How many of those reads may run at once (each a BMC round trip): a rack's BMCs are read in parallel, bounded. */
        public int pollConcurrency = DomainSettings.DEFAULT_POLL_CONCURRENCY;
    }

    /**
     * The file's configuration. jackson-jr reads it (see {@link ConfigYaml}); when that fails, which a
     * good file does not, {@link ConfigCheck} reads it again with databind and says every problem.
     */
    static DaemonConfig read(Path file) {
        try {
            if (Files.size(file) == 0) {
                return new DaemonConfig();
            }
        } catch (IOException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        DaemonConfig config;
        try {
            config = ConfigYaml.read(file);
        } catch (IOException | RuntimeException e) {
            config = ConfigCheck.readOrRefuse(file);
        }
        return config == null ? new DaemonConfig() : config.withEmptySectionsDefaulted();
    }

    /** A section given with nothing under it ({@code listen:}, every key commented out) is its defaults, as an absent one. */
    DaemonConfig withEmptySectionsDefaulted() {
        DaemonConfig defaults = new DaemonConfig();
        listen = listen == null ? defaults.listen : listen;
        limits = limits == null ? defaults.limits : limits;
        keepalive = keepalive == null ? defaults.keepalive : keepalive;
        domains = domains == null ? defaults.domains : domains;
        auth = auth == null ? defaults.auth : auth;
        tls = tls == null ? defaults.tls : tls;
        sasl = sasl == null ? defaults.sasl : sasl;
        log = log == null ? defaults.log : log;
        nodes = nodes == null ? defaults.nodes : nodes;
        return this;
    }
}
