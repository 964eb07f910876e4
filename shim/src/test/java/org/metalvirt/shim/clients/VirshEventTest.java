package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.CinderSecret;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.RunningDaemon;
import org.metalvirt.shim.testing.Virsh;

/** {@code virsh event --all} sees a domain's life, in order, with libvirt's details. */
class VirshEventTest {

    @RegisterExtension
    static final RunningDaemon DAEMON = new RunningDaemon();

    @Test
    void defineStartAttachDetachShutdownUndefineInOrder(@TempDir Path dir) throws Exception {
        String uri = DAEMON.tcpUri("qemu");
        int before = DAEMON.daemon().events().registrations();
        try (LineWatcher events =
                LineWatcher.start("virsh", "-c", uri, "event", "--all", "--loop", "--timeout", "120")) {
            awaitRegistrations(before + 27);
            Virsh virsh = new Virsh(uri);
            virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
            virsh.ok("start", "web-1");
            CinderSecret.define(virsh, dir);
            String disk = Resources.file(dir, "domains/disk-rbd.xml").toString();
            virsh.ok("attach-device", "web-1", disk);
            virsh.ok("detach-device", "web-1", disk);
            virsh.ok("shutdown", "web-1");
            virsh.awaitState("web-1", "shut off (shutdown)");
            virsh.ok("undefine", "web-1");

            List<String> lines = events.awaitLine(line -> line.contains("Undefined"), Duration.ofSeconds(30));
            assertEquals(
                    List.of(
                            "event 'lifecycle' for domain 'web-1': Defined Added",
                            "event 'lifecycle' for domain 'web-1': Started Booted",
                            "event 'device-added' for domain 'web-1': ua-volume-0001",
                            "event 'device-removed' for domain 'web-1': ua-volume-0001",
                            "event 'lifecycle' for domain 'web-1': Shutdown Finished",
                            "event 'lifecycle' for domain 'web-1': Stopped Shutdown",
                            "event 'lifecycle' for domain 'web-1': Undefined Removed"),
                    lines.stream().filter(line -> line.startsWith("event ")).toList());
        }
    }

    @Test
    void aServerPoweredOffOutOfBandIsReportedStopped(@TempDir Path dir) throws Exception {
        String uri = DAEMON.tcpUri("qemu");
        Virsh virsh = new Virsh(uri);
        virsh.ok("define", Resources.file(dir, "domains/web-1.xml").toString());
        virsh.ok("start", "web-1");
        int before = DAEMON.daemon().events().registrations();
        try (LineWatcher events =
                LineWatcher.start("virsh", "-c", uri, "event", "--event", "lifecycle", "--loop", "--timeout", "120")) {
            awaitRegistrations(before + 1);
            DAEMON.server("node0").holdPowerButton();

            List<String> lines = events.awaitLine(line -> line.contains("Stopped"), Duration.ofSeconds(30));
            assertEquals("event 'lifecycle' for domain 'web-1': Stopped Shutdown", lines.get(lines.size() - 1));
            assertEquals("shut off (shutdown)", virsh.ok("domstate", "web-1", "--reason"));
        } finally {
            virsh.run("undefine", "web-1");
        }
    }

    /** virsh registers before it prints anything: wait for the daemon to hold its registrations. */
    private static void awaitRegistrations(int expected) {
        await("virsh event registered")
                .atMost(Duration.ofSeconds(30))
                .until(() -> DAEMON.daemon().events().registrations() >= expected);
    }
}
