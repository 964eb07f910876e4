package org.metalvirt.shim.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.RunningDaemon;

/** libvirt's socket modes; they are set before the socket appears at its path (see UnixSockets). */
class UnixSocketsTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void theReadWriteSocketIsTheOwnersAndTheReadOnlyOneEveryones() throws IOException {
        assertEquals("rwx------", mode(DAEMON.daemon().unixSocket()));
        assertEquals("rwxrwxrwx", mode(DAEMON.daemon().readOnlySocket()));
    }

    @Test
    void nothingOfTheBindingIsLeftBeside() throws IOException {
        try (var files = Files.list(DAEMON.daemon().unixSocket().getParent())) {
            assertEquals(
                    0,
                    files.filter(f -> f.getFileName().toString().startsWith(".b"))
                            .count());
        }
    }

    @Test
    void aConfiguredGroupGetsTheReadWriteSocket(@TempDir Path dir) throws IOException {
        String group =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        DaemonConfig config = new DaemonConfig();
        config.listen.tcp = "";
        config.listen.unix = dir.resolve("sock").toString();
        config.listen.unixGroup = group;
        config.stateDir = dir.resolve("state").toString();
        config.nodes.clear();
        config.nodes.add(RunningDaemon.testNode());

        try (Daemon daemon = Daemon.start(DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE))) {
            assertEquals("rwxrwx---", mode(daemon.unixSocket()));
            assertEquals(
                    group,
                    Files.readAttributes(daemon.unixSocket(), PosixFileAttributes.class)
                            .group()
                            .getName());
        }
    }

    private static String mode(Path socket) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(socket));
    }
}
