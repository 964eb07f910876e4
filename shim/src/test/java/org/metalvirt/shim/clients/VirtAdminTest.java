package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * Debian's {@code virt-admin} against the daemon's admin socket ({@code PATH-admin}), as against
 * libvirtd's: the servers {@code admin} and {@code libvirtd}, their worker pools, clients and
 * limits, the logging settings and the idle timeout; only root's (or the daemon's user's)
 * connections are accepted.
 */
class VirtAdminTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    private static String uri() {
        return "libvirtd:///system?socket=" + DAEMON.daemon().adminSocket();
    }

    private static Command.Result virtAdmin(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "virt-admin";
        command[1] = "-c";
        command[2] = uri();
        System.arraycopy(args, 0, command, 3, args.length);
        return Command.run(Duration.ofSeconds(60), command);
    }

    private static String ok(String... args) {
        return virtAdmin(args).assertSuccess().stdout().strip();
    }

    /** {@code name : value} lines, as virt-admin prints typed parameters. */
    private static Map<String, String> fields(String output) {
        return output.lines()
                .filter(line -> line.contains(":"))
                .collect(Collectors.toMap(
                        line -> line.substring(0, line.indexOf(':')).strip(),
                        line -> line.substring(line.indexOf(':') + 1).strip(),
                        (a, b) -> a));
    }

    /** The client ids of a server, from {@code client-list}. */
    private static List<String> clientIds(String server) {
        return ok("client-list", server)
                .lines()
                .skip(2)
                .map(line -> line.strip().split("\\s+")[0])
                .filter(id -> id.matches("\\d+"))
                .toList();
    }

    @Test
    void versionAndServersAreLibvirtds() {
        assertTrue(ok("version").contains("Running against daemon: 9.0.0"));
        List<String> servers = ok("srv-list").lines().skip(2).map(String::strip).toList();
        assertEquals(List.of("0    admin", "1    libvirtd"), servers);
    }

    @Test
    void threadPoolIsReadAndChanged() {
        Map<String, String> pool = fields(ok("srv-threadpool-info", "libvirtd"));
        assertEquals("16", pool.get("maxWorkers"));
        assertEquals("4", pool.get("prioWorkers"));
        assertEquals("5", pool.get("minWorkers")); // libvirtd's min_workers: the rest start when all are busy
        assertEquals(
                List.of("minWorkers", "maxWorkers", "nWorkers", "freeWorkers", "prioWorkers", "jobQueueDepth"),
                List.copyOf(pool.keySet()).stream()
                        .sorted(VirtAdminTest::byOrder)
                        .toList());

        ok("srv-threadpool-set", "libvirtd", "--min-workers", "2", "--max-workers", "24");
        Map<String, String> changed = fields(ok("srv-threadpool-info", "libvirtd"));
        assertEquals("2", changed.get("minWorkers"));
        assertEquals("24", changed.get("maxWorkers"));

        Command.Result tooMany = virtAdmin("srv-threadpool-set", "libvirtd", "--min-workers", "30");
        assertNotEquals(0, tooMany.exitCode());
        assertTrue(tooMany.stderr().contains("minWorkers cannot be larger than maxWorkers"), tooMany.stderr());
        ok("srv-threadpool-set", "libvirtd", "--min-workers", "16", "--max-workers", "16");
    }

    private static int byOrder(String a, String b) {
        List<String> order =
                Arrays.asList("minWorkers", "maxWorkers", "nWorkers", "freeWorkers", "prioWorkers", "jobQueueDepth");
        return Integer.compare(order.indexOf(a), order.indexOf(b));
    }

    @Test
    void anUnknownServerIsNotFound() {
        Command.Result result = virtAdmin("srv-threadpool-info", "nova");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("Server not found: No server named 'nova'"), result.stderr());
    }

    @Test
    void clientLimitsCountTheConnectedClients() throws IOException {
        Map<String, String> limits = fields(ok("srv-clients-info", "libvirtd"));
        assertEquals("5000", limits.get("nclients_max"));
        assertEquals("20", limits.get("nclients_unauth_max"));
        assertEquals("0", limits.get("nclients_unauth"));

        // A client that connected and never opened (nor authenticated) is counted apart, until it leaves.
        try (SocketChannel silent =
                SocketChannel.open(UnixDomainSocketAddress.of(DAEMON.daemon().unixSocket()))) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fields(ok("srv-clients-info", "libvirtd"))
                            .get("nclients_unauth")
                            .equals("1"));
            assertTrue(silent.isConnected());
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> fields(ok("srv-clients-info", "libvirtd"))
                        .get("nclients_unauth")
                        .equals("0"));

        ok("srv-clients-set", "libvirtd", "--max-clients", "100");
        assertEquals("100", fields(ok("srv-clients-info", "libvirtd")).get("nclients_max"));
        ok("srv-clients-set", "libvirtd", "--max-clients", "5000");
    }

    @Test
    void aConnectedVirshIsListedDescribedAndDisconnected() throws Exception {
        Process virsh = new ProcessBuilder(
                        "virsh", "-c", DAEMON.unixUri("qemu", true), "event", "--all", "--loop", "--timeout", "60")
                .redirectErrorStream(true)
                .start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> clientIds("libvirtd").size() == 1);
            String id = clientIds("libvirtd").get(0);
            assertEquals("1", fields(ok("srv-clients-info", "libvirtd")).get("nclients"));

            Map<String, String> info = fields(ok("client-info", "libvirtd", id));
            assertEquals("unix", info.get("transport"));
            assertEquals("yes", info.get("readonly"));
            assertEquals("0", info.get("unix_user_id"));
            assertEquals("root", info.get("unix_user_name"));
            assertEquals(Long.toString(virsh.pid()), info.get("unix_process_id"));

            assertEquals("Client '" + id + "' disconnected", ok("client-disconnect", "libvirtd", id));
            virsh.waitFor();
            String printed = new String(virsh.getInputStream().readAllBytes());
            assertTrue(printed.contains("end of file"), printed);
            assertEquals(List.of(), clientIds("libvirtd"));
        } finally {
            virsh.destroyForcibly().waitFor();
        }
        Command.Result gone = virtAdmin("client-info", "libvirtd", "999");
        assertTrue(gone.stderr().contains("Client not found: no client with matching id '999' found"), gone.stderr());
    }

    @Test
    void theAdminServerListsTheAdminConnectionItself() {
        assertEquals(1, clientIds("admin").size());
    }

    @Test
    void logFiltersAndOutputsAreReadAndReplaced() {
        assertTrue(ok("daemon-log-outputs").contains("Logging outputs: "));
        ok("daemon-log-filters", "--filters", "1:org.metalvirt.shim.dispatch 3:io.netty");
        assertEquals("Logging filters: 3:io.netty 1:org.metalvirt.shim.dispatch", ok("daemon-log-filters"));
        Command.Result bad = virtAdmin("daemon-log-filters", "--filters", "7:io.netty");
        assertTrue(bad.stderr().contains("Invalid priority '7' for filter '7:io.netty'"), bad.stderr());
        ok("daemon-log-filters", "--filters", "3:io.netty");

        Command.Result syslog = virtAdmin("daemon-log-outputs", "--outputs", "2:syslog:metalvirtd");
        assertNotEquals(0, syslog.exitCode());
    }

    @Test
    void theDaemonTimeoutIsAcceptedAndTurnedOffAgain() {
        ok("daemon-timeout", "--timeout", "3600");
        ok("daemon-timeout", "--timeout", "0");
    }

    @Test
    void tlsFilesCannotBeUpdatedWithoutATlsListener() {
        for (String server : new String[] {"libvirtd", "admin"}) {
            Command.Result result = virtAdmin("srv-update-tls", server);
            assertNotEquals(0, result.exitCode());
            assertTrue(result.stderr().contains("no tls service found, unable to update tls files"), result.stderr());
        }
    }

    @Test
    void anotherUserIsRefusedEvenWhenTheSocketLetsThemIn() throws IOException {
        Path socket = DAEMON.daemon().adminSocket();
        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            Command.Result nobody = Command.run(
                    Duration.ofSeconds(60),
                    "setpriv",
                    "--reuid=65534",
                    "--regid=65534",
                    "--clear-groups",
                    "virt-admin",
                    "-c",
                    uri(),
                    "srv-list");
            assertNotEquals(0, nobody.exitCode(), nobody.stdout());
            assertTrue(ok("srv-list").contains("libvirtd"));
        } finally {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwx------"));
            Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void theRemoteSocketsDoNotCarryTheAdminProgram() {
        Command.Result result = Command.run(
                Duration.ofSeconds(60),
                "virt-admin",
                "-c",
                "libvirtd:///system?socket=" + DAEMON.daemon().unixSocket(),
                "srv-list");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.stderr().contains("cannot find program"), result.stderr());
        new Virsh(DAEMON.unixUri("qemu", false)).ok("uri");
    }
}
