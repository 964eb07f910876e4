package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Virsh;

/**
 * SIGTERM ({@code systemctl stop}) and SIGINT (Ctrl-C), against the daemon as a process: a clean
 * stop and exit status 0, as libvirtd's, its sockets gone.
 */
class DaemonStopTest {

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aStopSignalStopsTheDaemonCleanlyWithExitStatusZero(String signal, @TempDir Path dir) throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(DaemonProcess.oneServerConfig(dir))) {
            new Virsh(daemon.uri()).ok("list", "--all");

            daemon.signal(signal);

            await("the daemon's exit")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> daemon.exitStatus().isPresent());
            assertEquals(OptionalInt.of(0), daemon.exitStatus(), daemon.log());
            await().atMost(Duration.ofSeconds(10)).until(() -> daemon.log().contains("Main: stopping"));
            for (String name : new String[] {"sock", "sock-ro", "sock-admin"}) {
                assertFalse(Files.exists(dir.resolve(name)), name + " left behind");
            }
            assertTrue(daemon.log().lines().noneMatch(line -> line.contains("ERROR")), daemon.log());
        }
    }
}
