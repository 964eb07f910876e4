package org.metalvirt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;

/** {@code metalvirtctl config check FILE}: offline, no daemon, every problem with its line. */
class ConfigCheckTest {

    @TempDir
    Path dir;

    @Test
    void aGoodFileIsValid() throws IOException {
        Path file = Files.writeString(dir.resolve("good.yaml"), """
                listen: {tcp: "127.0.0.1:16509"}
                nodes:
                  - name: node0
                    backend: sim
                """);
        Command.Result result = DaemonUnderTest.ctlAt("config", "check", file.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(file + ": valid", result.stdout().strip());
    }

    @Test
    void aSectionWithNothingUnderItIsValidAsItsDefaults() throws IOException {
        Path file = Files.writeString(dir.resolve("empty-sections.yaml"), """
                listen:
                limits: ~
                nodes:
                """);
        Command.Result result = DaemonUnderTest.ctlAt("config", "check", file.toString());
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(file + ": valid", result.stdout().strip());
    }

    @Test
    void everyProblemIsReportedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                listen:
                  tcp: "example.org:16509"
                limits:
                  workers: many
                  priorityWorkers: 0
                colour: blue
                domains:
                  pollIntervalMillis: -5
                nodes:
                  - name: node0
                    backend: sim
                  - name: node0
                    backend: warp
                    inventory:
                      sockets: 3
                      numaCells: 2
                networks:
                  - name: pool
                """);
        Command.Result result = DaemonUnderTest.ctlAt("config", "check", file.toString());
        assertEquals(4, result.exitCode(), result.stdout() + result.stderr());
        List<String> lines = result.stdout().lines().toList();
        for (String expected : List.of(
                ":2: listen host 'example.org' is not an IP address",
                ":4: 'many' is not a whole number",
                ":5: limits: priorityWorkers must be positive",
                ":6: unknown key 'colour'",
                ":8: domains: pollIntervalMillis must be positive",
                ":12: nodes: names must be present and unique",
                ":13: node 'node0': unknown backend 'warp'",
                ":15: node 'node0': 3 sockets cannot be spread evenly over 2 NUMA cells",
                ":18: networks: network 'pool' needs the pf")) {
            assertTrue(
                    lines.stream().anyMatch(line -> line.startsWith(file + expected)),
                    expected + " in\n" + result.stdout());
        }
    }

    @Test
    void brokenYamlIsReportedAtItsLineAndJsonIsForScripts() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "nodes:\n  - name: [node0\n");
        Command.Result result = DaemonUnderTest.ctlAt("config", "check", "--json", file.toString());
        assertEquals(4, result.exitCode());
        JsonNode report = new ObjectMapper().readTree(result.stdout());
        assertEquals(false, report.get("valid").asBoolean());
        assertTrue(report.get("problems").get(0).get("line").asInt() >= 2, result.stdout());
    }
}
