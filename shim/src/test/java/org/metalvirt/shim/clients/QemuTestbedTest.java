package org.metalvirt.shim.clients;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.testbed.IpmiSimBmc;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedGuest;
import org.metalvirt.qemu.testbed.TestbedSpecs;
import org.metalvirt.shim.server.Daemon;
import org.metalvirt.shim.server.DaemonConfig;
import org.metalvirt.shim.server.DaemonSettings;
import org.metalvirt.shim.server.NodeConfig;
import org.metalvirt.shim.testing.Command;
import org.metalvirt.shim.testing.LineWatcher;
import org.metalvirt.shim.testing.Python;
import org.metalvirt.shim.testing.Resources;
import org.metalvirt.shim.testing.Virsh;
import org.metalvirt.shim.testing.VirshConsole;

/**
 * End to end on QEMU servers (TCG), from virsh to inside the guest: what the server itself sees
 * — its disks with their serials, its NICs with their MACs, its own clean power-off — is read
 * from the guest agent's reports on the serial console. {@code server1} is powered over QMP,
 * {@code server2} through a real BMC simulator (ipmi_sim) and the daemon's IPMI driver.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QemuTestbedTest {

    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final Duration CHANGE = Duration.ofSeconds(60);

    private static Path dir;
    private static IpmiSimBmc bmc;
    private static Daemon daemon;
    private static Virsh virsh;
    private static SerialLog serial1;
    private static SerialLog serial2;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("mvq");
        TestbedGuest guest = TestbedGuest.get();
        MachineConfig server2 = TestbedSpecs.bmcMachine("server2", 2, dir.resolve("vm2"));
        bmc = IpmiSimBmc.start(dir.resolve("bmc"), server2);

        DaemonConfig config = new DaemonConfig();
        config.listen.tcp = "127.0.0.1:0";
        config.listen.unix = dir.resolve("sock").toString();
        config.stateDir = dir.resolve("state").toString();
        config.nodes.clear();
        config.nodes.add(node("server1", guest));
        NodeConfig ipmi = node("server2", guest);
        ipmi.options.putAll(bmc.qemuOptions());
        config.nodes.add(ipmi);
        daemon = Daemon.start(DaemonSettings.resolve(config, DaemonSettings.Overrides.NONE));
        virsh = new Virsh(
                "qemu+tcp://127.0.0.1:" + daemon.tcpAddress().orElseThrow().getPort() + "/system");
        serial1 = new SerialLog(dir.resolve("vm1").resolve("serial.log"));
        serial2 = new SerialLog(server2.serialLog());
    }

    private static NodeConfig node(String name, TestbedGuest guest) {
        NodeConfig node = new NodeConfig();
        node.name = name;
        node.backend = "qemu";
        node.options.putAll(guest.bootOptions());
        node.options.put(
                "runDir", dir.resolve(name.equals("server1") ? "vm1" : "vm2").toString());
        node.options.put("rootPorts", "4");
        return node;
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            virsh.run("destroy", "tb-a");
            virsh.run("destroy", "tb-b");
            daemon.close();
        }
        if (bmc != null) {
            bmc.close();
        }
    }

    @Test
    @Order(1)
    void startPowersTheServerOnAndItsOsComesUp() {
        virsh.ok("define", Resources.file(dir, "domains/tb-a.xml").toString());
        virsh.ok("define", Resources.file(dir, "domains/tb-b.xml").toString());
        serial1.mark();

        assertEquals("Domain 'tb-a' started", virsh.ok("start", "tb-a"));

        String serial = daemon.node("server1").inventory().read().system().serial();
        String ready = serial1.awaitReady(BOOT);
        assertTrue(ready.contains("serial=" + serial), ready);
        assertEquals("running", virsh.ok("domstate", "tb-a"));
    }

    /**
     * A disk the card exports through its storage daemon (an image file here) appears in the
     * server on the PCI function the daemon reports, and goes on detach. vhost-user-blk carries no
     * serial: the server is told which disk it is by the function, not by {@code <serial>}.
     */
    @Test
    @Order(2)
    void anAttachedDiskAppearsInTheServerOnItsFunctionAndGoesOnDetach() throws IOException {
        Path image = dir.resolve("e2e.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8 << 20);
        }
        Path disk = Files.writeString(
                dir.resolve("disk-file.xml"),
                "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + image
                        + "'/><target dev='vdb' bus='virtio'/></disk>");

        virsh.ok("attach-device", "tb-a", disk.toString());
        String pci = pciOf(virsh.ok("dumpxml", "tb-a"));
        serial1.awaitState(s -> s.diskAt(pci).isPresent(), CHANGE, "a disk on " + pci);

        virsh.ok("detach-device", "tb-a", disk.toString());
        serial1.awaitState(s -> s.diskAt(pci).isEmpty(), CHANGE, "the disk on " + pci + " to go");
        assertTrue(!virsh.ok("dumpxml", "tb-a").contains("e2e.img"));
    }

    /** The guest's name of the PCI address the live XML gives the one disk: {@code 0000:BB:SS.F}. */
    private static String pciOf(String xml) {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile(
                        "<disk[\\s\\S]*?<address type='pci' domain='0x(\\p{XDigit}+)' bus='0x(\\p{XDigit}+)' "
                                + "slot='0x(\\p{XDigit}+)' function='0x(\\p{XDigit})'")
                .matcher(xml);
        assertTrue(address.find(), xml);
        return String.format(
                "%04x:%02x:%02x.%x",
                Integer.parseInt(address.group(1), 16),
                Integer.parseInt(address.group(2), 16),
                Integer.parseInt(address.group(3), 16),
                Integer.parseInt(address.group(4), 16));
    }

    @Test
    @Order(3)
    void anAttachedVfIsANicWithItsMacInTheServer() {
        virsh.ok("attach-device", "tb-a", Resources.file(dir, "domains/vf.xml").toString());

        serial1.awaitState(s -> s.nicWithMac("fa:16:3e:11:22:33").isPresent(), CHANGE, "NIC fa:16:3e:11:22:33");
    }

    @Test
    @Order(4)
    void shutdownIsACleanPowerOffOfTheServerAndAStoppedEvent() throws Exception {
        int before = daemon.events().registrations();
        try (LineWatcher events = LineWatcher.start(
                "virsh",
                "-c",
                "qemu+tcp://127.0.0.1:" + daemon.tcpAddress().orElseThrow().getPort() + "/system",
                "event",
                "tb-a",
                "--event",
                "lifecycle",
                "--loop",
                "--timeout",
                "300")) {
            await("virsh event registered")
                    .atMost(CHANGE)
                    .until(() -> daemon.events().registrations() > before);
            virsh.ok("shutdown", "tb-a");

            serial1.awaitLine(line -> line.equals("TB SHUTDOWN"), CHANGE, "the guest's clean shutdown");
            List<String> lines = events.awaitLine(line -> line.contains("Stopped"), CHANGE);
            assertEquals("event 'lifecycle' for domain 'tb-a': Stopped Shutdown", lines.get(lines.size() - 1));
        }
        assertEquals("shut off", virsh.ok("domstate", "tb-a"));
    }

    @Test
    @Order(5)
    void aServerPoweredByItsBmcIsSeenOffWhenTheBmcPowersItOffOutOfBand() {
        serial2.mark();
        virsh.ok("start", "tb-b");
        serial2.awaitReady(BOOT);
        assertEquals("Chassis Power is on", bmc.ipmitool("chassis", "power", "status"));

        bmc.ipmitool("chassis", "power", "off");

        virsh.awaitState("tb-b", "shut off (shutdown)");
    }

    @Test
    @Order(6)
    void twoServersRunAtOnceInOneDaemon() {
        serial1.mark();
        serial2.mark();
        virsh.ok("start", "tb-a");
        virsh.ok("start", "tb-b");

        serial1.awaitReady(BOOT);
        serial2.awaitReady(BOOT);
        assertEquals("running", virsh.ok("domstate", "tb-a"));
        assertEquals("running", virsh.ok("domstate", "tb-b"));
    }

    /**
     * An NMI over QMP reaches {@code server1}'s kernel, which reports it on the console and runs
     * on. {@code server2}'s BMC, ipmi_sim, has no diagnostic interrupt: libvirt's "not supported",
     * which a virtualbmc-style BMC answers to IPMI {@code power diag} with 0xD5.
     */
    @Test
    @Order(7)
    void anNmiReachesTheQmpServersKernelAndTheIpmiSimBmcHasNone() {
        serial1.mark();

        assertEquals("", virsh.ok("inject-nmi", "tb-a"));

        String said =
                serial1.awaitConsoleLine(line -> line.contains("NMI received"), CHANGE, "the kernel's NMI report");
        assertTrue(said.contains("Uhhuh. NMI received for unknown reason"), said);
        assertEquals("running", virsh.ok("domstate", "tb-a"));

        Command.Result none = virsh.run("inject-nmi", "tb-b");
        assertNotEquals(0, none.exitCode());
        assertTrue(
                none.stderr().contains("this function is not supported by the connection driver: virDomainInjectNMI"),
                none.stderr());
        JsonNode diag = Python.run(
                Duration.ofSeconds(30),
                "power_diag.py",
                "qemu+tcp://127.0.0.1:" + daemon.tcpAddress().orElseThrow().getPort() + "/system",
                "tb-b");
        assertEquals(0xD5, diag.get("ipmi").asInt(), diag.toString());
        assertEquals(3, diag.get("diagError").get("code").asInt(), diag.toString());
        assertEquals("running", virsh.ok("domstate", "tb-b"));

        virsh.ok("destroy", "tb-b");
    }

    /**
     * {@code virsh console} on {@code server1}'s serial port (QEMU's chardev socket), the guest
     * already up from the tests before: a reset while attached shows the boot up to the agent's READY
     * line, a typed command is answered, {@code --force} from a second virsh
     * takes the console over, python3-libvirt's virStream runs a command too, and powering the
     * server off ends the stream.
     */
    @Test
    @Order(8)
    void virshConsoleSeesTheBootAndTheGuestAnswersATypedCommand() {
        String uri = "qemu+tcp://127.0.0.1:" + daemon.tcpAddress().orElseThrow().getPort() + "/system";
        try (VirshConsole first = VirshConsole.open(uri, "tb-a")) {
            virsh.ok("reset", "tb-a");
            // The kernel is quiet: the boot shows as the agent's READY line, which names the kernel.
            first.awaitOutput("TB READY kernel=", BOOT);

            first.type("tb-run 9001 echo console-$((6 * 7))\r");
            first.awaitOutput("console-42", CHANGE);
            first.awaitOutput("TB RC 9001 0", CHANGE);

            try (VirshConsole second = VirshConsole.open(uri, "tb-a", "--force")) {
                assertEquals(1, first.awaitExit(), first.output());
                assertTrue(first.output().contains("error: stream had I/O failure"), first.output());
                second.type("tb-run 9002 echo second-$((6 * 7))\r");
                second.awaitOutput("second-42", CHANGE);
                second.type(VirshConsole.ESCAPE);
                assertEquals(0, second.awaitExit(), second.output());
            }
        }
        JsonNode python = Python.run(
                Duration.ofSeconds(150),
                "console_command.py",
                uri,
                "tb-a",
                "tb-run 9003 echo python-$((6 * 7))",
                "TB RC 9003 0");
        assertTrue(python.get("output").asText().contains("python-42"), python.toString());
        try (VirshConsole last = VirshConsole.open(uri, "tb-a")) {
            virsh.ok("destroy", "tb-a");
            assertEquals(0, last.awaitExit(), last.output());
        }
    }
}
