package org.metalvirt.shim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.metalvirt.baremetal.sim.SimPowerControl;
import org.metalvirt.baremetal.sim.SimulatedServer;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.shim.server.Daemon;
import org.metalvirt.shim.server.DaemonConfig;
import org.metalvirt.shim.server.DaemonSettings;
import org.metalvirt.shim.server.NodeConfig;
import org.metalvirt.storage.PoolDrivers;

/**
 * A real daemon for a test class: TCP on an ephemeral loopback port, both Unix sockets in a
 * private directory, one simulated server described by {@link #configure}. Real clients connect
 * to it over real sockets.
 */
public final class RunningDaemon implements BeforeAllCallback, AfterAllCallback {

    private final Consumer<DaemonConfig> configure;
    private final Optional<PoolDrivers> pools;
    private Path dir;
    private Daemon daemon;

    public RunningDaemon() {
        this(config -> {});
    }

    public RunningDaemon(Consumer<DaemonConfig> configure) {
        this.configure = configure;
        this.pools = Optional.empty();
    }

    /** A daemon whose storage pools are served by {@code pools} (drivers over a faked command seam). */
    public RunningDaemon(PoolDrivers pools) {
        this.configure = config -> {};
        this.pools = Optional.of(pools);
    }

    /** The server every test daemon manages unless told otherwise: 2 × 4 × 2 CPUs, 2 cells, 16 GiB. */
    public static NodeConfig testNode() {
        NodeConfig node = new NodeConfig();
        node.name = "node0";
        // The reference simulated server: tests press its buttons and look at its card.
        node.backend = "sim";
        node.inventory.sockets = 2;
        node.inventory.cores = 4;
        node.inventory.threads = 2;
        node.inventory.mhz = 2100;
        node.inventory.numaCells = 2;
        node.inventory.memoryMiB = 16384;
        node.inventory.serial = "SN-0042";
        node.inventory.uuid = TestHosts.SERVER_UUID.toString();
        // A quick server: tests wait on confirmations, never on fixed times.
        node.options.put("powerOnMillis", "20");
        node.options.put("osShutdownMillis", "50");
        return node;
    }

    /** A small server (1 socket × 2 cores, 4 GiB) on {@code backend}, as a rack has many of. */
    public static NodeConfig rackNode(String name, String backend) {
        NodeConfig node = new NodeConfig();
        node.name = name;
        node.backend = backend;
        node.inventory.sockets = 1;
        node.inventory.cores = 2;
        node.inventory.threads = 1;
        node.inventory.numaCells = 1;
        node.inventory.memoryMiB = 4096;
        return node;
    }

    /**
     * The configure hook that puts {@link #testNode} on the {@code simboard} backend: the real GPIO,
     * SR-IOV and SPDK drivers over simulated hardware, with the sim's quick timings. The board
     * forces off after a 1 s hold, five times the 200 ms press, so a press stays a press under load.
     */
    public static void simboard(DaemonConfig config) {
        for (NodeConfig node : config.nodes) {
            node.backend = "simboard";
            node.options.put("overrideMillis", "1000");
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("mvd");
        DaemonConfig config = new DaemonConfig();
        config.listen.tcp = "127.0.0.1:0";
        config.listen.unix = dir.resolve("sock").toString();
        config.stateDir = dir.resolve("state").toString();
        config.hostname = "card-7";
        config.nodes.clear();
        config.nodes.add(testNode());
        configure.accept(config);
        DaemonSettings settings = DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE);
        daemon = pools.map(drivers -> Daemon.start(settings, drivers)).orElseGet(() -> Daemon.start(settings));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        daemon.close();
        Trees.delete(dir);
    }

    public Daemon daemon() {
        return daemon;
    }

    /** The confirmed power of a node, read from its (simulated) hardware. */
    public PowerState power(String node) {
        return daemon.node(node).power().state();
    }

    /** A node of the daemon, to see what its (simulated) card holds. */
    public NodeDriver node(String name) {
        return daemon.node(name);
    }

    /** The simulated server behind a node, to press its buttons out of band. */
    public SimulatedServer server(String node) {
        return ((SimPowerControl) daemon.node(node).power()).server();
    }

    /** The sysfs tree of a simboard node's simulated NIC, for a test to change underneath the daemon. */
    public Path sysfs(String node) {
        return dir.resolve("state").resolve("nodes").resolve(node + ".sysfs");
    }

    public int tlsPort() {
        return daemon.tlsAddress().orElseThrow().getPort();
    }

    public int tcpPort() {
        return daemon.tcpAddress().orElseThrow().getPort();
    }

    /** {@code baremetal+tcp://127.0.0.1:PORT/system}. */
    public String tcpUri(String driver) {
        return driver + "+tcp://127.0.0.1:" + tcpPort() + "/system";
    }

    /** {@code DRIVER+unix:///system?socket=PATH}, on the read-write or the read-only socket. */
    public String unixUri(String driver, boolean readOnly) {
        Path socket = readOnly ? daemon.readOnlySocket() : daemon.unixSocket();
        return driver + "+unix:///system?socket=" + socket;
    }
}
