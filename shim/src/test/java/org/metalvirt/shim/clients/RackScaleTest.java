package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.metalvirt.shim.server.DaemonConfig;
import org.metalvirt.shim.server.NodeConfig;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * A rack controller's daemon: 1000 simulated servers at zero delays, a domain on each, driven by
 * python3-libvirt over a real socket. Every domain is listed with its state and found by name,
 * UUID and id; servers powered on and off at the servers, many at once, each give their lifecycle
 * event; and the daemon's threads do not grow with the nodes: its threads with 1000 nodes are
 * those it has with 10, give or take a few. Isolated: the threads counted are the JVM's, so no
 * other test's daemon may run meanwhile.
 */
@Isolated
class RackScaleTest {

    private static final Duration CLIENT = Duration.ofMinutes(3);
    /** Threads that may differ between two runs of the same daemon (pools growing to their bound). */
    private static final int SLACK = 24;

    @Test
    void aThousandNodesAreListedLookedUpAndWatchedWithTheThreadsOfTen(@TempDir Path dir) throws Exception {
        int small = rack(dir.resolve("small"), 10, 10);
        int large = rack(dir.resolve("large"), 1000, 200);

        assertTrue(large <= small + SLACK, "threads with 1000 nodes: " + large + ", with 10: " + small);
    }

    /** Runs the rack with {@code nodes} nodes, {@code pressed} of them changed at the server; its live threads after. */
    private static int rack(Path dir, int nodes, int pressed) throws Exception {
        RunningDaemon daemon = new RunningDaemon(config -> servers(config, nodes));
        daemon.beforeAll(null);
        try {
            JsonNode seen = Python.run(CLIENT, "rack_domains.py", daemon.tcpUri("qemu"), Integer.toString(nodes));
            assertEquals(nodes, seen.get("listed").asInt(), seen.toString());
            assertEquals(nodes, seen.get("names").asInt(), seen.toString());
            assertEquals(nodes / 2, seen.get("running").asInt(), seen.toString());
            assertEquals(nodes / 2, seen.get("shutOff").asInt(), seen.toString());
            assertEquals(0, seen.get("wrongState").size(), seen.toString());
            assertEquals(0, seen.get("mismatchedLookups").size(), seen.toString());

            Files.createDirectories(dir);
            Path script = Resources.file(dir, "clients/lifecycle_events.py");
            try (LineWatcher events =
                    LineWatcher.start("/usr/bin/python3", script.toString(), daemon.unixUri("qemu", true))) {
                events.awaitLine(line -> line.equals("READY"), CLIENT);
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < pressed; i++) {
                    String node = node(i);
                    if (i % 2 == 0) {
                        daemon.server(node).holdPowerButton(); // running: forced off at the server
                        expected.add("{\"domain\": \"rack-" + node.substring(1) + "\", \"event\": 5, \"detail\": 0}");
                    } else {
                        daemon.server(node).pressPowerButton(); // shut off: powered on at the server
                        expected.add("{\"domain\": \"rack-" + node.substring(1) + "\", \"event\": 2, \"detail\": 0}");
                    }
                }
                Set<String> told = new HashSet<>();
                events.awaitLine(
                        line -> {
                            told.add(line);
                            return told.containsAll(expected);
                        },
                        CLIENT);
            }
            return Thread.getAllStackTraces().size();
        } finally {
            daemon.afterAll(null);
        }
    }

    private static void servers(DaemonConfig config, int count) {
        config.domains.pollIntervalMillis = 1000;
        config.networks = List.of();
        config.nodes.clear();
        for (int i = 0; i < count; i++) {
            NodeConfig node = RunningDaemon.rackNode(node(i), "sim");
            List.of("powerOnMillis", "osShutdownMillis", "hardOffMillis", "resetMillis")
                    .forEach(option -> node.options.put(option, "0"));
            config.nodes.add(node);
        }
    }

    private static String node(int i) {
        return String.format("r%04d", i);
    }
}
