package org.metalvirt.baremetal.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper ends its child when the process holding the pipe dies, however it dies: here the
 * "daemon" is a {@code sleep} holding the pipe's write end, killed with SIGKILL.
 */
class LifelineTest {

    @Test
    void theChildEndsWhenTheDaemonIsKilled() throws Exception {
        // A distinctive duration names the child in the process table.
        Process shell = new ProcessBuilder(
                        "/bin/sh", "-c", "sleep 600 | /bin/sh -c \"$0\" lifeline sleep 54321", LifelineProcess.WRAPPER)
                .start();
        try {
            ProcessHandle daemon = await(shell, "sleep 600");
            ProcessHandle child = await(shell, "sleep 54321");
            daemon.destroyForcibly();
            child.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the wrapper should exit after its child");
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }

    @Test
    void closingTheLifelineEndsTheChildAndTheSweepFindsNothing(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        LifelineProcess process =
                LifelineProcess.start("t", List.of("sleep", "54322"), dir.resolve("child.log"), pidFile);
        assertTrue(process.alive());
        process.kill(Duration.ofSeconds(10));
        assertTrue(!process.alive());
        assertTrue(StaleProcess.owner(pidFile).isEmpty());
    }

    /** The descendant of {@code root} running {@code command}, once it has started (bounded). */
    private static ProcessHandle await(Process root, String command) {
        // The process table gives no notification of a new process: look again every 20 ms.
        return Awaitility.await(command + " to start")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(
                        () -> root.descendants()
                                .filter(p -> p.info().commandLine().orElse("").endsWith(command))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
