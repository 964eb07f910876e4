package org.metalvirt.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;

/**
 * metalvirtctl as an operator runs it, a process against a running metalvirtd (itself a process):
 * status, nodes, a node's self-test and maintenance power, clients, log level; tables and JSON;
 * the exit status scripts rely on when the daemon refuses, is not there, or the socket is wrong.
 */
class MetalvirtctlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static DaemonUnderTest daemon;

    @BeforeAll
    static void start() throws IOException {
        daemon = DaemonUnderTest.start(dir);
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    private static JsonNode json(Command.Result result) throws IOException {
        return JSON.readTree(result.assertSuccess().stdout());
    }

    @Test
    void statusTellsVersionUptimeNodesDomainsAndClients() throws IOException {
        String table = daemon.ctl("status").assertSuccess().stdout();
        assertTrue(table.contains("nodes:          1"), table);
        JsonNode status = json(daemon.ctl("status", "--json"));
        assertEquals(1, status.get("nodes").asInt());
        assertEquals(0, status.get("activeDomains").asInt());
        assertTrue(status.get("uptime").asLong() >= 0);
        assertEquals(json(daemon.ctl("--json", "status")).get("version"), status.get("version"));
    }

    @Test
    void nodesAreListedAndShownWithTheirInventory() throws IOException {
        String table = daemon.ctl("nodes", "list").assertSuccess().stdout();
        assertTrue(table.lines().anyMatch(line -> line.matches("node0\\s+sim\\s+(on|off)\\s+.*ok")), table);
        JsonNode node = json(daemon.ctl("nodes", "show", "node0", "--json"));
        assertEquals("sim", node.get("backend").asText());
        assertEquals("SIM-node0", node.get("serial").asText());
        assertEquals("2 sockets x 8 cores x 2 threads", node.get("topology").asText());

        Command.Result unknown = daemon.ctl("nodes", "show", "node9");
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.stderr().contains("no node named 'node9'"), unknown.stderr());
    }

    @Test
    void aNodesSelfTestReadsAndChangesNothing() throws IOException {
        String before =
                json(daemon.ctl("nodes", "list", "--json")).get(0).get("power").asText();
        String checked = daemon.ctl("nodes", "check", "node0").assertSuccess().stdout();
        assertTrue(checked.lines().anyMatch(line -> line.matches("power\\s+ok\\s+reads " + before)), checked);
        assertTrue(checked.contains("inventory"), checked);
        assertEquals(
                before,
                json(daemon.ctl("nodes", "list", "--json")).get(0).get("power").asText());
    }

    @Test
    void maintenancePowerIsRefusedWhileADomainIsActiveUnlessForced() throws IOException {
        Path xml = Files.writeString(dir.resolve("maint-1.xml"), """
                <domain type='kvm'>
                  <name>maint-1</name>
                  <memory unit='GiB'>4</memory>
                  <vcpu>4</vcpu>
                  <os><type arch='x86_64' machine='q35'>hvm</type></os>
                </domain>
                """);
        daemon.virsh("define", xml.toString()).assertSuccess();
        try {
            daemon.virsh("start", "maint-1").assertSuccess();

            Command.Result refused = daemon.ctl("nodes", "power", "node0", "off");
            assertEquals(1, refused.exitCode());
            assertTrue(refused.stderr().contains("in use by active domain 'maint-1'"), refused.stderr());
            assertEquals(
                    "running",
                    daemon.virsh("domstate", "maint-1").assertSuccess().stdout().strip());

            daemon.ctl("nodes", "power", "node0", "off", "--force").assertSuccess();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> daemon.virsh("domstate", "maint-1")
                            .assertSuccess()
                            .stdout()
                            .strip()
                            .equals("shut off"));
        } finally {
            daemon.virsh("undefine", "maint-1");
        }
        daemon.ctl("nodes", "power", "node0", "ON").assertSuccess();
        assertEquals(
                "on",
                json(daemon.ctl("nodes", "list", "--json")).get(0).get("power").asText());
        daemon.ctl("nodes", "power", "node0", "off").assertSuccess();
        assertEquals(
                "off",
                json(daemon.ctl("nodes", "list", "--json")).get(0).get("power").asText());
    }

    @Test
    void aClientIsListedAndDisconnected() throws Exception {
        Process virsh = new ProcessBuilder(
                        "virsh", "-r", "-c", daemon.uri(), "event", "--all", "--loop", "--timeout", "60")
                .redirectErrorStream(true)
                .start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> json(daemon.ctl("clients", "list", "--json")).size() == 1);
            JsonNode client = json(daemon.ctl("clients", "list", "--json")).get(0);
            assertEquals("unix", client.get("transport").asText());
            assertEquals("yes", client.get("readonly").asText());
            assertEquals("root pid " + virsh.pid(), client.get("peer").asText());

            String id = client.get("id").asText();
            assertEquals(
                    "client " + id + " disconnected",
                    daemon.ctl("clients", "disconnect", id)
                            .assertSuccess()
                            .stdout()
                            .strip());
            assertTrue(virsh.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, json(daemon.ctl("clients", "list", "--json")).size());
        } finally {
            virsh.destroyForcibly().waitFor();
        }
        Command.Result gone = daemon.ctl("clients", "disconnect", "9999");
        assertEquals(1, gone.exitCode());
        assertTrue(gone.stderr().contains("no client with matching id '9999'"), gone.stderr());
    }

    @Test
    void theLogLevelChangesAtRunTime() {
        daemon.ctl("log", "level", "DEBUG").assertSuccess();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> daemon.log().contains("log level of the daemon set to DEBUG"));
        daemon.ctl("log", "level", "info", "--logger", "org.metalvirt.shim.dispatch")
                .assertSuccess();
        daemon.ctl("log", "level", "INFO").assertSuccess();

        Command.Result bad = daemon.ctl("log", "level", "LOUD");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.stderr().contains("log level 'LOUD' is not one of"), bad.stderr());
    }

    @Test
    void noDaemonOrTheWrongSocketIsAClearMessageAndExit3() {
        Command.Result missing =
                DaemonUnderTest.ctlAt("--socket", dir.resolve("nothing-here").toString(), "status");
        assertEquals(3, missing.exitCode());
        assertTrue(
                missing.stderr().contains("cannot reach metalvirtd at " + dir.resolve("nothing-here")),
                missing.stderr());
        assertTrue(missing.stderr().contains("no daemon is listening there"), missing.stderr());

        Command.Result remote =
                DaemonUnderTest.ctlAt("--socket", dir.resolve("sock").toString(), "nodes", "list");
        assertEquals(3, remote.exitCode());
        assertTrue(remote.stderr().contains("not an admin socket"), remote.stderr());
    }

    @Test
    void everyCommandHasHelpAndAMissingCommandIsAUsageError() {
        for (List<String> command : List.of(
                List.<String>of(),
                List.of("status"),
                List.of("clients"),
                List.of("clients", "list"),
                List.of("clients", "disconnect"),
                List.of("nodes"),
                List.of("nodes", "list"),
                List.of("nodes", "show"),
                List.of("nodes", "check"),
                List.of("nodes", "power"),
                List.of("log", "level"),
                List.of("config", "check"))) {
            String[] args = new java.util.ArrayList<>(command) {
                {
                    add("--help");
                }
            }.toArray(String[]::new);
            Command.Result help = DaemonUnderTest.ctlAt(args);
            assertEquals(0, help.exitCode(), command.toString());
            assertTrue(
                    help.stdout()
                            .contains(
                                    "Usage: metalvirtctl" + (command.isEmpty() ? "" : " " + String.join(" ", command))),
                    help.stdout());
        }
        assertEquals(2, DaemonUnderTest.ctlAt().exitCode());
        assertEquals(
                2, DaemonUnderTest.ctlAt("nodes", "power", "node0", "sideways").exitCode());
    }

    @Test
    void completionAndManPagesAreGeneratedFromTheCommands() throws IOException {
        Path target = Path.of("target");
        String completion = Files.readString(target.resolve("metalvirtctl_completion"));
        assertTrue(completion.contains("complete -F _complete_metalvirtctl"), completion.substring(0, 200));
        assertTrue(completion.contains("power"));
        for (String page : List.of("metalvirtctl", "metalvirtctl-nodes-power", "metalvirtctl-config-check")) {
            String text = Files.readString(target.resolve("man").resolve(page + ".adoc"));
            assertTrue(text.contains(":doctype: manpage"), page);
        }
    }
}
