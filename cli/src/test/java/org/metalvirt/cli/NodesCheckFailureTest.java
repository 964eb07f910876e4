package org.metalvirt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;

/**
 * {@code metalvirtctl nodes check} on a node whose BMC does not answer (IPMI to a loopback port
 * nothing listens on): the power step fails (the daemon's log has ipmitool's error), the others
 * still run, and the exit status is 4 for scripts.
 */
class NodesCheckFailureTest {

    @Test
    void aNodeWhoseBmcIsUnreachableFailsThePowerStepWithExit4(@TempDir Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("bmc-password"), "not-used\n");
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (DaemonUnderTest daemon = DaemonUnderTest.start(dir, """
                  - name: dead-bmc
                    backend: baremetal
                    options:
                      power: ipmi
                      boot: none
                      ipmi.address: 127.0.0.1
                      ipmi.port: "%d"
                      ipmi.user: admin
                      ipmi.passwordFile: %s
                      ipmi.timeoutMillis: "3000"
                      ipmi.attempts: "1"
                    inventory: {sockets: 1, cores: 2, threads: 1, numaCells: 1, memoryMiB: 4096, serial: DEAD1}
                """.formatted(closedPort, password))) {
            Command.Result check = daemon.ctl("nodes", "check", "dead-bmc");
            assertEquals(4, check.exitCode(), check.stdout() + check.stderr());
            String table = check.stdout();
            assertTrue(
                    table.lines().anyMatch(line -> line.matches("power\\s+FAILED\\s+the power state cannot be read")),
                    table);
            assertTrue(table.lines().anyMatch(line -> line.matches("inventory\\s+ok\\s+2 CPUs, 1 NUMA cells")), table);

            Command.Result json = daemon.ctl("nodes", "check", "dead-bmc", "--json");
            assertEquals(4, json.exitCode(), json.stderr());
            JsonNode steps = new ObjectMapper().readTree(json.stdout());
            JsonNode power = steps.get(1);
            assertEquals("power", power.get("step").asText(), steps.toString());
            assertEquals("FAILED", power.get("result").asText(), steps.toString());
        }
    }
}
