package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Virsh;

/**
 * Storage pools are kept as domains are: after a stop or a kill -9 every pool is back, those that
 * were active or are autostarted are started again (their volumes found by a refresh), and one
 * whose source is gone stays inactive.
 */
class PoolPersistenceTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return DaemonProcess.oneServerConfig(dir);
    }

    private void dirPool(Virsh virsh, String name) {
        virsh.ok("pool-define-as", name, "dir", "--target", dir.resolve(name).toString());
        virsh.ok("pool-build", name);
    }

    /** virsh pads each name of {@code pool-list --name}: the names, one a line. */
    private static String pools(Virsh virsh, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "pool-list";
        System.arraycopy(args, 0, command, 1, args.length);
        return virsh.ok(command).lines().map(String::strip).collect(Collectors.joining("\n"));
    }

    @Test
    void poolsSurviveAStopAndAKillNineAndActiveOrAutostartOnesAreStartedAgain() throws IOException {
        Path config = config();
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            dirPool(virsh, "running");
            virsh.ok("pool-start", "running");
            virsh.ok("vol-create-as", "running", "disk.qcow2", "8M", "--format", "qcow2");
            dirPool(virsh, "boots");
            virsh.ok("pool-autostart", "boots");
            dirPool(virsh, "idle");
            dirPool(virsh, "gone");
            virsh.ok("pool-start", "gone");
            Files.createDirectories(dir.resolve("scratch"));
            virsh.ok(
                    "pool-create-as",
                    "scratch",
                    "dir",
                    "--target",
                    dir.resolve("scratch").toString());
            daemon.stop();
        }
        // The source of an active pool vanishes while the daemon is down.
        Files.delete(dir.resolve("gone"));
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("boots\ngone\nidle\nrunning\nscratch", pools(virsh, "--all", "--name"));
            assertEquals("boots\nrunning\nscratch", pools(virsh, "--name"));
            assertEquals("gone\nidle", pools(virsh, "--inactive", "--name"));
            assertEquals("boots", pools(virsh, "--autostart", "--name"));
            assertEquals("scratch", pools(virsh, "--transient", "--name"));
            assertTrue(virsh.ok("vol-list", "running").contains("disk.qcow2"), "found again by the refresh");
            // Then clients change them, and the daemon is killed.
            virsh.ok("pool-destroy", "running");
            virsh.ok("pool-start", "idle");
            virsh.ok("pool-autostart", "boots", "--disable");
            virsh.ok("vol-create-as", "idle", "data.img", "4M");
            daemon.kill9();
        }
        // A transient pool that cannot be started again is gone, as libvirt forgets it.
        Files.delete(dir.resolve("scratch"));
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("boots\ngone\nidle\nrunning", pools(virsh, "--all", "--name"));
            // boots was still active when killed: started again though no longer autostarted.
            assertEquals("boots\nidle", pools(virsh, "--name"));
            assertEquals("", pools(virsh, "--autostart", "--name"));
            assertTrue(virsh.ok("vol-list", "idle").contains("data.img"));
            assertTrue(
                    virsh.ok("pool-info", "running").matches("(?s).*State:\\s+inactive.*Persistent:\\s+yes.*"),
                    "destroyed before the kill, inactive after it");
        }
    }
}
