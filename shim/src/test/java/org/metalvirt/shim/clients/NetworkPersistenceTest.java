package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Virsh;

/** Networks are kept as domains are: the configured ones at the first start, then what clients made of them. */
class NetworkPersistenceTest {

    @TempDir
    Path dir;

    @Test
    void configuredNetworksAndTheirChangesSurviveKillNine() throws IOException {
        Path config = config("""
                  - {name: tenant, pf: sim0}
                  - {name: storage, pf: sim0, mode: passthrough, autostart: false}
                """);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--name"));
            assertEquals("tenant", virsh.ok("net-list", "--name"));
            virsh.ok("net-start", "storage");
            virsh.ok("net-autostart", "tenant", "--disable");
            virsh.ok("net-destroy", "tenant");
            daemon.kill9();
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            // Not defined again from the file: the state directory has the networks now.
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--name"));
            assertEquals("storage", virsh.ok("net-list", "--name"));
            assertEquals("tenant", virsh.ok("net-list", "--inactive", "--name"));
            assertEquals("storage\ntenant", virsh.ok("net-list", "--all", "--no-autostart", "--name"));
        }
    }

    /**
     * Autostart is once per boot of the card, as libvirt's network driver does it: a daemon
     * restarted with its runtime directory leaves an autostart network an operator stopped stopped;
     * after a reboot (the runtime directory emptied) it starts again.
     */
    @Test
    void anAutostartNetworkStartsOncePerBootOfTheCard() throws IOException {
        Path runtime = dir.resolve("run"); // the runtime directory: what a reboot of the card empties
        Path config = config("""
                  - {name: tenant, pf: sim0}
                """);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--name"));
            virsh.ok("net-destroy", "tenant");
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--inactive", "--autostart", "--name"));
        }
        try (Stream<Path> files = Files.walk(runtime)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("tenant", virsh.ok("net-list", "--name"));
        }
    }

    /** One quick simulated server, its runtime state in {@code run/}, and these networks' YAML items. */
    private Path config(String networks) throws IOException {
        return Files.writeString(
                dir.resolve("metalvirtd.yaml"),
                """
                listen: {tcp: "127.0.0.1:0", unix: %s}
                stateDir: %s
                runtimeDir: %s
                nodes:
                  - name: node0
                    options: {powerOnMillis: "20", osShutdownMillis: "50"}
                networks:
                """.formatted(dir.resolve("sock"), dir.resolve("state"), dir.resolve("run")) + networks);
    }
}
