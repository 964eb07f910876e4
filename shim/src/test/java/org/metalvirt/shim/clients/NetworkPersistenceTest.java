package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path config = Files.writeString(
                dir.resolve("metalvirtd.yaml"), """
                listen: {tcp: "127.0.0.1:0", unix: %s}
                stateDir: %s
                nodes:
                  - name: node0
                    options: {powerOnMillis: "20", osShutdownMillis: "50"}
                networks:
                  - {name: tenant, pf: sim0}
                  - {name: storage, pf: sim0, mode: passthrough, autostart: false}
                """.formatted(dir.resolve("sock"), dir.resolve("state")));
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
}
