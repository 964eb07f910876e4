package org.metalvirt.shim.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Virsh;

/** The launchers bind SLF4J through {@link DaemonLogging}: the built-in lines, and no other output. */
class DaemonLoggingTest {

    @Test
    void startedAsTheLaunchersStartItTheDaemonWritesTheBuiltInLinesOnly(@TempDir Path dir) throws Exception {
        try (DaemonProcess daemon = DaemonProcess.startAsLaunched(DaemonProcess.oneServerConfig(dir))) {
            new Virsh(daemon.uri()).ok("list", "--all");

            String listening = daemon.log()
                    .lines()
                    .filter(line -> line.contains("listening on"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(
                    listening.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\S+ INFO  \\[main] Daemon:"
                            + " metalvirtd listening on tcp .*"),
                    listening);
            // Neither SLF4J's note on the provider nor Logback's status lines.
            assertFalse(daemon.log().contains("SLF4J") || daemon.log().contains(" |-"), daemon.log());
        }
    }
}
