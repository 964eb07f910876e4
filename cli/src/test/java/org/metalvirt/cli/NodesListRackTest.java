package org.metalvirt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;

/**
 * {@code metalvirtctl nodes list} on a rack's daemon: 200 simulated servers, every one listed in
 * the configuration's order (their power read concurrently on the daemon), each with its power
 * and the domain bound to it — the active one where one runs, none where none is bound.
 */
class NodesListRackTest {

    private static final int NODES = 200;

    private static String node(int i) {
        return String.format("r%03d", i);
    }

    @Test
    void everyNodeIsListedInOrderWithItsPowerAndItsDomain(@TempDir Path dir) throws IOException {
        // Listed in an order that is not the names' sorted order, which the listing must keep.
        List<Integer> order =
                IntStream.range(0, NODES).map(i -> NODES - 1 - i).boxed().toList();
        String nodes = order.stream().map(i -> """
                          - name: %s
                            backend: sim
                            options: {powerOnMillis: "0", osShutdownMillis: "0"}
                            inventory: {sockets: 1, cores: 2, threads: 1, numaCells: 1, memoryMiB: 4096}
                        """.formatted(node(i))).collect(Collectors.joining());
        try (DaemonUnderTest daemon = DaemonUnderTest.start(dir, nodes)) {
            // Domains on three nodes: one running, one defined, and on r007 a running one beside a defined one.
            define(daemon, dir, "web-1", node(3));
            define(daemon, dir, "db-1", node(150));
            define(daemon, dir, "a-spare", node(7));
            define(daemon, dir, "z-main", node(7));
            daemon.virsh("start", "web-1").assertSuccess();
            daemon.virsh("start", "z-main").assertSuccess();

            Command.Result result = daemon.ctl("nodes", "list", "--json");
            JsonNode listed = new ObjectMapper().readTree(result.assertSuccess().stdout());

            assertEquals(NODES, listed.size(), listed.toString());
            List<String> names = new ArrayList<>();
            listed.forEach(entry -> names.add(entry.get("name").asText()));
            assertEquals(order.stream().map(NodesListRackTest::node).toList(), names);
            for (JsonNode entry : listed) {
                String name = entry.get("name").asText();
                String domain = entry.path("domain").isNull()
                        ? ""
                        : entry.path("domain").asText();
                switch (name) {
                    case "r003" -> assertRow(entry, "on", "web-1", "running");
                    case "r007" -> assertRow(entry, "on", "z-main", "running");
                    case "r150" -> assertRow(entry, "off", "db-1", "shutoff");
                    default -> {
                        assertEquals("off", entry.get("power").asText(), entry.toString());
                        assertEquals("", domain, entry.toString());
                    }
                }
                assertEquals("ok", entry.get("health").asText(), entry.toString());
            }
        }
    }

    private static void assertRow(JsonNode entry, String power, String domain, String state) {
        assertEquals(power, entry.get("power").asText(), entry.toString());
        assertEquals(domain, entry.get("domain").asText(), entry.toString());
        assertTrue(entry.get("state").asText().replace(" ", "").equals(state), entry.toString());
    }

    private static void define(DaemonUnderTest daemon, Path dir, String name, String node) throws IOException {
        Path xml = Files.writeString(dir.resolve(name + ".xml"), """
                <domain type='kvm'>
                  <name>%s</name>
                  <memory unit='MiB'>1024</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <metadata><mv:node xmlns:mv='https://metalvirt.org/xmlns/domain/1'>%s</mv:node></metadata>
                </domain>
                """.formatted(name, node));
        daemon.virsh("define", xml.toString()).assertSuccess();
    }
}
