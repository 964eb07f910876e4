package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.server.NodeConfig;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/**
 * A power-on in progress is the one job {@code virsh domjobinfo} sees, as QEMU shows its start:
 * an unbounded job whose operation is Start. The server here never reports power good, so the
 * start fails at its confirmation timeout and ends shut off.
 */
class VirshPowerOnJobTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon(config -> {
        for (NodeConfig node : config.nodes) {
            node.options.put("powerOnMillis", "3600000");
            node.options.put("confirmTimeoutMillis", "10000");
        }
    });

    @TempDir
    Path dir;

    @Test
    void domjobinfoShowsTheStartWhileTheServerPowersOn() {
        Virsh virsh = new Virsh(DAEMON.tcpUri("qemu"));
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        CompletableFuture<Command.Result> start = CompletableFuture.supplyAsync(() -> virsh.run("start", "web-1"));

        await().atMost(Duration.ofSeconds(8))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> virsh.run("domjobinfo", "web-1").stdout().contains("Unbounded"));
        List<String> job =
                virsh.ok("domjobinfo", "web-1").lines().map(String::strip).toList();
        assertEquals("Job type:         Unbounded", job.get(0), job::toString);
        assertEquals("Operation:        Start", job.get(1), job::toString);
        assertTrue(job.get(2).matches("Time elapsed:\\s+\\d+\\s+ms"), job::toString);
        assertEquals("paused (starting up)", virsh.ok("domstate", "web-1", "--reason"));

        Command.Result started = start.join();
        assertNotEquals(0, started.exitCode(), started.stdout());
        assertEquals("shut off (failed)", virsh.ok("domstate", "web-1", "--reason"));
        assertTrue(virsh.run("domjobinfo", "web-1").stderr().contains("domain is not running"));
        virsh.ok("undefine", "web-1");
    }
}
