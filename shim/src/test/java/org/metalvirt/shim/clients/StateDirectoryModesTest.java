package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.Virsh;

/**
 * The state directory holds what the daemon loads at its next start: under umask 000 another user
 * could otherwise plant a domain there. The state directory and each directory in it are 0700 and
 * the daemon's files 0600, whatever the umask, including directories an earlier run left open.
 * (What the backends keep under {@code nodes/} is theirs; nobody else can reach it.)
 */
class StateDirectoryModesTest {

    @TempDir
    Path dir;

    @Test
    void underUmask000TheStateIsTheDaemonsAlone() throws IOException {
        Path config = DaemonProcess.oneServerConfig(dir);
        Path state = dir.resolve("state");
        Files.createDirectories(state.resolve("domains"));
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(state.resolve("domains"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Path xml = Files.writeString(dir.resolve("web-1.xml"), Resources.text("domains/web-1.xml"));
        try (DaemonProcess daemon = DaemonProcess.startUnderUmask000(config, "INFO")) {
            Virsh virsh = new Virsh(daemon.uri());
            virsh.ok("define", xml.toString());
            virsh.ok("autostart", "web-1");
        }
        List<Path> directories;
        List<Path> files;
        try (Stream<Path> all = Files.walk(state, 1)) {
            directories = all.filter(Files::isDirectory).toList();
        }
        try (Stream<Path> all = Files.walk(state, 2)) {
            files = all.filter(Files::isRegularFile)
                    .filter(file -> !file.startsWith(state.resolve("nodes")))
                    .toList();
        }
        assertFalse(files.stream().noneMatch(file -> file.getParent().endsWith("domains")), "a domain was saved");
        assertTrue(directories.contains(state.resolve("nodes")), directories.toString());
        for (Path directory : directories) {
            assertEquals("rwx------", mode(directory), directory.toString());
        }
        for (Path file : files) {
            assertEquals("rw-------", mode(file), file.toString());
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
