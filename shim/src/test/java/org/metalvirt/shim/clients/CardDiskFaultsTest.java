package org.metalvirt.shim.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.testbed.GuestShell;
import org.metalvirt.qemu.testbed.GuestState;
import org.metalvirt.qemu.testbed.IpmiSimBmc;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedGuest;
import org.metalvirt.qemu.testbed.TestbedSpecs;
import org.metalvirt.qemu.testbed.VolumeServer;
import org.metalvirt.shim.testing.DaemonProcess;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.Virsh;

/**
 * The card's disks under faults, on one QEMU server powered through its BMC (ipmi_sim, which
 * outlives the daemon as a server outlives its card's software), driven by metalvirtd as its own
 * process. The kill -9 test of persistence: the daemon is killed with SIGKILL (its storage daemon
 * ends with it) and started again; the server is still running, and its disk takes the next write,
 * which lands in the volume. A volume that vanishes under the running server (its NBD server
 * stops, its image file is deleted) is reported as libvirt's QEMU driver reports a disk's I/O
 * errors: IO_ERROR and IO_ERROR_REASON events, domblkerror, a WARN line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardDiskFaultsTest {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration CHANGE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path config;
    private static IpmiSimBmc bmc;
    private static DaemonProcess daemon;
    private static Virsh virsh;
    private static SerialLog serial;
    private static GuestShell shell;

    @BeforeAll
    static void start() throws IOException {
        TestbedGuest guest = TestbedGuest.get();
        MachineConfig server = TestbedSpecs.bmcMachine("server3", 3, dir.resolve("vm"));
        bmc = IpmiSimBmc.start(dir.resolve("bmc"), server);
        config = config(guest);
        daemon = DaemonProcess.start(config);
        virsh = new Virsh(daemon.uri());
        serial = new SerialLog(server.serialLog());
        shell = new GuestShell(server.serialSocket(), serial);
    }

    /** One QEMU node on IPMI power; YAML is a superset of JSON. */
    private static Path config(TestbedGuest guest) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("listen")
                .put("tcp", "127.0.0.1:0")
                .put("unix", dir.resolve("sock").toString());
        root.put("stateDir", dir.resolve("state").toString());
        root.put("hostname", "card-3");
        root.putObject("domains").put("pollIntervalMillis", 1000);
        ObjectNode node = root.putArray("nodes").addObject();
        node.put("name", "server3");
        node.put("backend", "qemu");
        ObjectNode options = node.putObject("options");
        guest.bootOptions().forEach(options::put);
        bmc.qemuOptions().forEach(options::put);
        return Files.writeString(dir.resolve("metalvirtd.yaml"), json.writeValueAsString(root));
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            virsh.run("destroy", "tb-k");
            daemon.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    @Test
    @Order(1)
    void aRunningServerKeepsItsDiskAndNicAcrossAKillNineOfTheDaemon() throws Exception {
        Path image = image("kill9.img");
        try (VolumeServer nbd = VolumeServer.nbd(image, "raw", "vol1")) {
            virsh.ok("define", domain().toString());
            serial.mark();
            virsh.ok("start", "tb-k");
            serial.awaitReady(BOOT);
            virsh.ok("attach-device", "tb-k", nbdDisk(nbd, "vol1", "vdb").toString());
            virsh.ok(
                    "attach-device",
                    "tb-k",
                    Resources.file(dir, "domains/vf.xml").toString());
            String before = virsh.ok("dumpxml", "tb-k");
            String pci = pciOf(before, "vdb");
            String dev = device(pci);
            serial.awaitState(s -> s.nicWithMac("fa:16:3e:11:22:33").isPresent(), CHANGE, "the VF's NIC");
            assertEquals(0, write(dev, "BEFORE-KILL-9", 100));

            daemon.kill9(); // its storage daemon ends with it; the BMC's QEMU runs on
            daemon = DaemonProcess.start(config);
            virsh = new Virsh(daemon.uri());

            assertEquals("running", virsh.ok("domstate", "tb-k"));
            assertEquals(before, virsh.ok("dumpxml", "tb-k"));
            assertEquals(0, write(dev, "AFTER-KILL-9", 200)); // blocks until the card exports the volume again
            assertEquals("BEFORE-KILL-9", read(image, 100 * 512L, 13));
            assertEquals("AFTER-KILL-9", read(image, 200 * 512L, 12));
            assertFalse(daemon.log().contains("cannot give the card back"), daemon.log());

            // The restarted daemon holds the disk and the NIC: detaching them reaches the server.
            virsh.ok("detach-device", "tb-k", nbdDisk(nbd, "vol1", "vdb").toString());
            serial.awaitState(s -> s.diskAt(pci).isEmpty(), CHANGE, "the disk on " + pci + " to go");
            virsh.ok(
                    "detach-device",
                    "tb-k",
                    Resources.file(dir, "domains/vf.xml").toString());
            serial.awaitState(s -> s.nicWithMac("fa:16:3e:11:22:33").isEmpty(), CHANGE, "the VF's NIC to go");
        }
    }

    @Test
    @Order(2)
    void aVolumeThatVanishesUnderTheRunningServerIsReportedNotHidden() throws Exception {
        Path image = image("vanish.img");
        Path file = image("file.img");
        try (LineWatcher events = LineWatcher.start(
                "/usr/bin/python3", Resources.file(dir, "clients/io_errors.py").toString(), daemon.uri())) {
            events.awaitLine("READY"::equals, CHANGE);
            String dev;
            try (VolumeServer nbd = VolumeServer.nbd(image, "raw", "vol2")) {
                virsh.ok("attach-device", "tb-k", nbdDisk(nbd, "vol2", "vdc").toString());
                virsh.ok("attach-device", "tb-k", fileDisk(file, "vdd").toString());
                dev = device(pciOf(virsh.ok("dumpxml", "tb-k"), "vdc"));
                assertEquals(0, write(dev, "BEFORE-VANISH", 10));
                assertEquals("No errors found", virsh.ok("domblkerror", "tb-k"));
            } // the NBD server stops

            Map<String, JsonNode> told = events(events, "vol2");
            JsonNode reason = told.get("io-error-reason");
            assertEquals("virtio-disk2", reason.get("devAlias").asText(), reason.toString());
            assertEquals(2, reason.get("action").asInt(), "VIR_DOMAIN_EVENT_IO_ERROR_REPORT");
            assertTrue(reason.get("reason").asText().contains("does not answer"), reason.toString());
            assertEquals("virtio-disk2", told.get("io-error").get("devAlias").asText());
            assertEquals("vdc: unspecified error", virsh.ok("domblkerror", "tb-k"));
            assertNotEquals(0, write(dev, "AFTER-VANISH", 20), "the server's own I/O fails too");

            Files.delete(file);

            JsonNode gone = events(events, file.toString()).get("io-error-reason");
            assertEquals("image file " + file + " is gone", gone.get("reason").asText());
            assertEquals("vdc: unspecified error\nvdd: unspecified error", virsh.ok("domblkerror", "tb-k"));
            assertTrue(daemon.log().lines().anyMatch(line -> line.contains("WARN") && line.contains("disk vdd")));
        }
        virsh.ok("detach-device", "tb-k", dir.resolve("vdc.xml").toString());
        virsh.ok("detach-device", "tb-k", dir.resolve("vdd.xml").toString());
        assertEquals("No errors found", virsh.ok("domblkerror", "tb-k"));
    }

    /**
     * The events the python client printed for the disk whose source is {@code source}, by kind,
     * once IO_ERROR_REASON came (IO_ERROR is published before it).
     */
    private static Map<String, JsonNode> events(LineWatcher events, String source) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> told = new HashMap<>();
        for (String line : events.awaitLine(
                text -> text.contains("\"io-error-reason\"") && text.contains("\"" + source + "\""), CHANGE)) {
            if (line.startsWith("{") && line.contains("\"" + source + "\"")) {
                JsonNode event = json.readTree(line);
                told.putIfAbsent(event.get("event").asText(), event);
            }
        }
        return told;
    }

    /** The guest's PCI address of the disk with target {@code target} in the live XML. */
    private static String pciOf(String xml, String target) {
        Matcher address = Pattern.compile("<target dev='" + target + "'[\\s\\S]*?<address type='pci' domain='0x"
                        + "(\\p{XDigit}+)' bus='0x(\\p{XDigit}+)' slot='0x(\\p{XDigit}+)' function='0x(\\p{XDigit})'")
                .matcher(xml);
        assertTrue(address.find(), xml);
        return String.format(
                "%04x:%02x:%02x.%x",
                Integer.parseInt(address.group(1), 16),
                Integer.parseInt(address.group(2), 16),
                Integer.parseInt(address.group(3), 16),
                Integer.parseInt(address.group(4), 16));
    }

    static Path fileDisk(Path image, String target) throws IOException {
        return Files.writeString(dir.resolve(target + ".xml"), """
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='%s'/>
                  <target dev='%s' bus='virtio'/>
                </disk>
                """.formatted(image, target));
    }

    static Path domain() throws IOException {
        return Files.writeString(dir.resolve("tb-k.xml"), """
                <domain type='kvm'>
                  <name>tb-k</name>
                  <memory unit='MiB'>256</memory>
                  <vcpu>1</vcpu>
                  <os><type arch='x86_64'>hvm</type></os>
                  <devices/>
                </domain>
                """);
    }

    static Path nbdDisk(VolumeServer nbd, String export, String target) throws IOException {
        String[] host = nbd.host().split(":");
        return Files.writeString(dir.resolve(target + ".xml"), """
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source protocol='nbd' name='%s'><host name='%s' port='%s'/></source>
                  <target dev='%s' bus='virtio'/>
                </disk>
                """.formatted(export, host[0], host[1], target));
    }

    /** The guest's name of the disk on {@code pci}, once it has it. */
    static String device(String pci) {
        GuestState seen = serial.awaitState(s -> s.diskAt(pci).isPresent(), CHANGE, "a disk on " + pci);
        return seen.diskAt(pci).orElseThrow().name();
    }

    /** The guest writes {@code text} at {@code sector} of its disk, past its page cache. */
    static int write(String dev, String text, long sector) {
        return shell.run(
                "printf " + text + " | dd of=/dev/" + dev + " bs=512 seek=" + sector
                        + " conv=notrunc,fsync 2>/dev/null",
                CHANGE);
    }

    static Path image(String name) throws IOException {
        Path image = dir.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(16 << 20);
        }
        return image;
    }

    static String read(Path file, long offset, int length) throws IOException {
        byte[] bytes = new byte[length];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            in.readFully(bytes);
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
