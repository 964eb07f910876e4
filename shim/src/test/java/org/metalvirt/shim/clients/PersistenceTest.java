package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.shim.testing.Await;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.Trees;
import org.metalvirt.shim.testing.Virsh;

/** Nothing defined is ever lost: the daemon is killed with SIGKILL and comes back with everything. */
class PersistenceTest {

    @TempDir
    Path dir;

    private Path config() throws IOException {
        return DaemonProcess.oneServerConfig(dir);
    }

    private void define(Virsh virsh, String name) {
        virsh.ok("define", writeDomain(name).toString());
    }

    @Test
    void everyDefinedDomainAndTheRunningOneSurviveKillNine() throws IOException {
        Path config = config();
        Set<String> names = new TreeSet<>(List.of("db-1", "db-2", "web-1"));
        String runningId;
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            for (String name : names) {
                define(virsh, name);
            }
            virsh.ok("start", "db-2");
            virsh.ok("autostart", "web-1");
            runningId = virsh.ok("domid", "db-2");
            daemon.kill9();
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals(names, listed(virsh));
            assertEquals("running", virsh.ok("domstate", "db-2"));
            assertEquals(runningId, virsh.ok("domid", "db-2"));
            // Autostart ran when the card booted, not again at a restart of the daemon (libvirt's
            // "autostarted" file in the runtime directory).
            assertTrue(Files.exists(dir.resolve("run/domains/autostarted")));
            assertEquals("shut off", virsh.ok("domstate", "web-1"));
            assertTrue(virsh.ok("dominfo", "web-1").contains("Autostart:      enable"));
        }
    }

    @Test
    void aRunningServersCardGetsItsDisksBackAfterTheDaemonRestarts() throws IOException {
        Path config = config();
        String disk = Files.writeString(dir.resolve("disk.xml"), Resources.text("domains/disk-iscsi.xml"))
                .toString();
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            define(virsh, "web-1");
            virsh.ok("start", "web-1");
            virsh.ok("attach-device", "web-1", disk);
            daemon.kill9();
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertTrue(virsh.ok("dumpxml", "web-1").contains("SN-E2E-1"));
            // The disk service started empty with the daemon: detaching works only if it was given back.
            assertEquals("Device detached successfully", virsh.ok("detach-device", "web-1", disk));
        }
    }

    @Test
    void aServerPoweredOnWhileTheDaemonWasDownShowsRunningWithAFreshId() throws IOException {
        Path config = config();
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            define(new Virsh(daemon.uri()), "web-1");
            daemon.kill9();
        }
        // The board's power is kept where the simulated hardware keeps it; turn it on by hand.
        Files.writeString(dir.resolve("state/nodes/node0.sim-power"), "on\n");
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("running (unknown)", virsh.ok("domstate", "web-1", "--reason"));
            assertTrue(virsh.ok("domid", "web-1").matches("\\d+"));
        }
    }

    /**
     * A destroyed domain's runtime file goes after the reply; a daemon killed before it went finds
     * the file, reads the server's power, and shows the domain shut off all the same.
     */
    @Test
    void aDestroyedDomainsRuntimeFileGoesAndADaemonKilledBeforeItWentShowsItShutOff() throws IOException {
        Path config = config();
        byte[] running;
        Path runtime;
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            define(virsh, "web-1");
            virsh.ok("start", "web-1");
            runtime = dir.resolve("run/domains/" + virsh.ok("domuuid", "web-1") + ".json");
            running = Files.readAllBytes(runtime);
            virsh.ok("destroy", "web-1");
            Await.until(() -> !Files.exists(runtime), "the runtime file of web-1 removed");
            daemon.kill9();
        }
        Files.write(runtime, running); // as if killed between the reply and the removal
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("shut off", virsh.ok("domstate", "web-1"));
            virsh.ok("start", "web-1");
            assertEquals("running", virsh.ok("domstate", "web-1"));
        }
    }

    /**
     * A domain started paused has its server off by design: a daemon that found its file and the
     * server off would keep it paused, so its destroy removes the file before the reply.
     */
    @Test
    void aPausedDomainsRuntimeFileIsGoneWhenItsDestroyIsAnswered() throws IOException {
        try (DaemonProcess daemon = DaemonProcess.start(config())) {
            Virsh virsh = new Virsh(daemon.uri());
            define(virsh, "web-1");
            virsh.ok("start", "--paused", "web-1");
            Path runtime = dir.resolve("run/domains/" + virsh.ok("domuuid", "web-1") + ".json");
            assertTrue(Files.exists(runtime));

            virsh.ok("destroy", "web-1");

            assertFalse(Files.exists(runtime));
        }
    }

    /**
     * A start writes "running" after the reply; a daemon killed before it did finds the state it
     * wrote before the press, reads the server's power, and shows the domain running with its id.
     */
    @Test
    void aStartedDomainKilledBeforeItsRunningStateWasWrittenIsRunningWithItsId() throws IOException {
        Path config = config();
        String id;
        Path runtime;
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            define(virsh, "web-1");
            virsh.ok("start", "web-1");
            id = virsh.ok("domid", "web-1");
            runtime = dir.resolve("run/domains/" + virsh.ok("domuuid", "web-1") + ".json");
            Await.until(() -> Trees.text(runtime).contains("\"state\":\"RUNNING\""), "web-1 written running");
            daemon.kill9();
        }
        // As the file was before the press: paused, starting up (reason 11).
        String running = Files.readString(runtime);
        String starting = running.replace("\"state\":\"RUNNING\",\"reason\":1", "\"state\":\"PAUSED\",\"reason\":11");
        assertNotEquals(running, starting);
        Files.writeString(runtime, starting);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals("running (booted)", virsh.ok("domstate", "web-1", "--reason"));
            assertEquals(id, virsh.ok("domid", "web-1"));
        }
    }

    @Test
    void afterACardRebootEveryDomainIsBackWithItsPowerReadFromTheServers() throws IOException {
        // Three servers, so each domain has its own and a server found on names its domain.
        Path config = DaemonProcess.serversConfig(dir, 3);
        Set<String> names = new TreeSet<>(List.of("db-1", "db-2", "web-1"));
        String disk = Files.writeString(dir.resolve("disk.xml"), Resources.text("domains/disk-iscsi.xml"))
                .toString();
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            for (String name : names) {
                define(virsh, name);
            }
            virsh.ok("attach-device", "db-2", disk, "--config");
            virsh.ok("start", "db-2");
            virsh.ok("autostart", "web-1");
            daemon.kill9();
        }
        // The card reboots: /run is empty, the state directory and the servers' power are kept.
        Trees.delete(dir.resolve("run"));
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            assertEquals(names, listed(virsh));
            // Its power read from the server; why it runs, nobody can say any more.
            assertEquals("running (unknown)", virsh.ok("domstate", "db-2", "--reason"));
            assertTrue(virsh.ok("domid", "db-2").matches("\\d+"));
            // Its live definition rebuilt from the persistent one, and the card given its disk back.
            assertTrue(virsh.ok("dumpxml", "db-2").contains("SN-E2E-1"));
            assertEquals("Device detached successfully", virsh.ok("detach-device", "db-2", disk));
            assertEquals("shut off", virsh.ok("domstate", "db-1"));
            assertTrue(virsh.ok("dominfo", "web-1").contains("Autostart:      enable"));
            // The card booted: autostart runs once more.
            Await.until(() -> virsh.ok("domstate", "web-1").equals("running"), "web-1 autostarted");
        }
    }

    @Test
    void afterAStopEachDefinitionIsInItsOwnFileAndTheJournalHoldsNothing() throws IOException {
        Path config = config();
        String uuid;
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            define(virsh, "web-1");
            define(virsh, "db-1");
            virsh.ok("undefine", "db-1");
            uuid = virsh.ok("domuuid", "web-1");
            daemon.stop();
        }
        // What operators, backups and an earlier version read: one UUID.xml per defined domain.
        Path domains = dir.resolve("state/domains");
        try (Stream<Path> files = Files.list(domains)) {
            assertEquals(
                    List.of(uuid + ".xml"),
                    files.map(file -> file.getFileName().toString())
                            .filter(name -> !name.startsWith(".journal-"))
                            .toList());
        }
        assertTrue(Files.readString(domains.resolve(uuid + ".xml")).contains("<name>web-1</name>"));
        for (String journal : List.of(".journal-0", ".journal-1")) {
            byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(domains.resolve(journal)), 32);
            assertTrue(java.util.Arrays.equals(new byte[32], header), journal + " was retired");
        }
    }

    @Test
    void killingTheDaemonWhileItWritesNeverLeavesAHalfWrittenDomain() throws Exception {
        Path config = config();
        AtomicInteger confirmed = new AtomicInteger();
        CountDownLatch someLanded = new CountDownLatch(5);
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Virsh virsh = new Virsh(daemon.uri());
            Thread writer = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    if (virsh.run("define", writeDomain("burst-" + i).toString())
                                    .exitCode()
                            != 0) {
                        return;
                    }
                    confirmed.incrementAndGet();
                    someLanded.countDown();
                }
            });
            writer.start();
            assertTrue(someLanded.await(60, TimeUnit.SECONDS));
            daemon.kill9(); // the writer has its next definition in flight
            writer.join(60_000);
        }
        try (Stream<Path> files = Files.list(dir.resolve("state/domains"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".xml")).toList()) {
                String text = Files.readString(file);
                // One comment line (node, autostart), then the definition as defined.
                String xml = text.substring(text.indexOf('\n') + 1);
                assertTrue(
                        text.startsWith("<!-- metalvirt {")
                                && text.substring(0, text.indexOf('\n')).endsWith("} -->"),
                        file + ": " + text);
                assertTrue(xml.startsWith("<domain type='kvm'>") && xml.endsWith("</domain>\n"), file + ": " + text);
            }
        }
        try (DaemonProcess daemon = DaemonProcess.start(config)) {
            Set<String> listed = listed(new Virsh(daemon.uri()));
            assertTrue(listed.size() >= confirmed.get(), listed.size() + " listed, " + confirmed + " were confirmed");
        }
    }

    private Path writeDomain(String name) {
        try {
            return Files.writeString(
                    dir.resolve(name + ".xml"),
                    Resources.text("domains/web-1.xml").replace("web-1", name).replaceAll("<uuid>.*</uuid>", ""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> listed(Virsh virsh) {
        return virsh.ok("list", "--all", "--name")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
