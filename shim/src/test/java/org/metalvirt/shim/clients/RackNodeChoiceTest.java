package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.server.DaemonConfig;
import org.metalvirt.shim.server.NodeConfig;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.RunningDaemon;

/**
 * A rack's daemon binds domains defined without a node to free nodes: python3-libvirt clients
 * defining at once, over their own connections, get a node each, so that every domain can run.
 */
class RackNodeChoiceTest {

    private static final int NODES = 8;

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(RackNodeChoiceTest::rack);

    private static void rack(DaemonConfig config) {
        config.networks = List.of();
        config.nodes.clear();
        for (int i = 0; i < NODES; i++) {
            NodeConfig node = RunningDaemon.rackNode("n" + i, "sim");
            node.options.put("powerOnMillis", "20");
            config.nodes.add(node);
        }
    }

    @Test
    void concurrentDefinesTakeANodeEachAndAllRun() {
        JsonNode seen = Python.run(
                Duration.ofMinutes(2), "concurrent_defines.py", DAEMON.tcpUri("qemu"), Integer.toString(NODES));

        assertEquals(0, seen.get("errors").size(), seen.toString());
        assertEquals(NODES, seen.get("defined").asInt(), seen.toString());
        assertEquals(NODES, seen.get("running").asInt(), seen.toString());
    }
}
