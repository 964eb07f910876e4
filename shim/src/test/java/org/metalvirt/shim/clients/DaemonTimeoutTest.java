package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.DaemonProcess;

/**
 * An operator's {@code virt-admin daemon-timeout}, against the daemon as a process: once no client
 * is connected and no domain runs for that long, the daemon stops as on SIGTERM: exit status 0,
 * its sockets gone.
 */
class DaemonTimeoutTest {

    @Test
    void anIdleDaemonStopsByItselfAndRemovesItsSockets(@TempDir Path dir) throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(DaemonProcess.oneServerConfig(dir))) {
            virtAdmin(dir, "daemon-timeout", "--timeout", "2");
            await("the idle daemon's exit")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> daemon.exitStatus().isPresent());
            assertEquals(OptionalInt.of(0), daemon.exitStatus(), daemon.log());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> daemon.log().contains("idle for the configured timeout: stopping"));
            for (String name : new String[] {"sock", "sock-ro", "sock-admin"}) {
                assertFalse(Files.exists(dir.resolve(name)), name + " left behind");
            }
        }
    }

    private static void virtAdmin(Path dir, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "virt-admin";
        command[1] = "-c";
        command[2] = "libvirtd:///system?socket=" + dir.resolve("sock-admin");
        System.arraycopy(args, 0, command, 3, args.length);
        Command.run(Duration.ofSeconds(60), command).assertSuccess();
    }
}
