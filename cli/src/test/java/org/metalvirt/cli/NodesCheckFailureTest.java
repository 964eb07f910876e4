package org.metalvirt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.testing.IpmiSim;
import org.metalvirt.shim.testing.Command;

/**
 * {@code metalvirtctl nodes check} on a node whose BMC does not answer (IPMI to a loopback port
 * nothing listens on) or refuses the login (an {@code ipmi_sim} given another password): the power
 * step fails saying why, as the driver does (and never with the password), the others still run,
 * and the exit status is 4 for scripts.
 */
class NodesCheckFailureTest {

    @Test
    void aNodeWhoseBmcIsUnreachableFailsThePowerStepWithExit4(@TempDir Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("bmc-password"), "not-used\n");
        int closedPort;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (DaemonUnderTest daemon =
                DaemonUnderTest.start(dir, ipmiNode("dead-bmc", closedPort, "admin", password, "DEAD1"))) {
            Command.Result check = daemon.ctl("nodes", "check", "dead-bmc");
            assertEquals(4, check.exitCode(), check.stdout() + check.stderr());
            String table = check.stdout();
            assertTrue(
                    table.lines()
                            .anyMatch(line -> line.matches("power\\s+FAILED\\s+.*BMC 127\\.0\\.0\\.1:" + closedPort
                                    + " did not answer .* within 3000 ms.*")),
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

    @Test
    void aBmcThatRefusesThePasswordIsNamedInTheCheckAndTheListWithoutThePassword(@TempDir Path dir) throws IOException {
        String password = "bmc-pw-" + Long.toHexString(System.nanoTime());
        String guess = "guess-" + Long.toHexString(System.nanoTime());
        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, guess + "\n");
        Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
        try (IpmiSim bmc = IpmiSim.start(dir.resolve("bmc"), "refusing", password, List.of(), List.of());
                DaemonUnderTest daemon =
                        DaemonUnderTest.start(dir, ipmiNode("locked-bmc", bmc.port(), IpmiSim.USER, wrong, "LOCK1"))) {
            String refusal = "BMC 127.0.0.1:" + bmc.port() + " refused the session: unauthorized name or invalid"
                    + " password for user " + IpmiSim.USER;

            Command.Result check = daemon.ctl("nodes", "check", "locked-bmc");
            assertEquals(4, check.exitCode(), check.stdout() + check.stderr());
            String table = check.stdout();
            assertTrue(
                    table.lines()
                            .anyMatch(line -> line.matches("power\\s+FAILED\\s+.*" + Pattern.quote(refusal) + ".*")),
                    table);

            JsonNode node = new ObjectMapper()
                    .readTree(daemon.ctl("nodes", "list", "--json")
                            .assertSuccess()
                            .stdout())
                    .get(0);
            assertEquals("unknown", node.get("power").asText(), node.toString());
            assertTrue(node.get("health").asText().startsWith("failing: "), node.toString());
            assertTrue(node.get("health").asText().contains(refusal), node.toString());

            String everything = table + check.stderr() + node;
            assertFalse(everything.contains(guess), everything);
            assertFalse(everything.contains(password), everything);
        }
    }

    /** A node powered over IPMI by the native client, one attempt within 3 s, booted by nobody. */
    private static String ipmiNode(String name, int port, String user, Path passwordFile, String serial) {
        return """
                  - name: %s
                    backend: baremetal
                    options:
                      power: ipmi
                      boot: none
                      ipmi.address: 127.0.0.1
                      ipmi.port: "%d"
                      ipmi.user: %s
                      ipmi.passwordFile: %s
                      ipmi.timeoutMillis: "3000"
                      ipmi.attempts: "1"
                    inventory: {sockets: 1, cores: 2, threads: 1, numaCells: 1, memoryMiB: 4096, serial: %s}
                """.formatted(name, port, user, passwordFile, serial);
    }
}
