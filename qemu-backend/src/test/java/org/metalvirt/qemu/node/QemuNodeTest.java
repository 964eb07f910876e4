package org.metalvirt.qemu.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.process.StaleProcess;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.ConsoleAccess;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;
import org.metalvirt.node.testing.EdgeRecorder;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.testbed.GuestState;
import org.metalvirt.qemu.testbed.SerialLog;
import org.metalvirt.qemu.testbed.TestbedSpecs;

/**
 * One QEMU node driven through the node SPI, checked from inside the guest: its agent's
 * serial-console reports are the server's own view. The steps build on each other, as a
 * domain's life does.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QemuNodeTest {

    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration CHANGE = Duration.ofSeconds(30);

    @TempDir
    static Path state;

    private static QemuNode node;
    private static NodeDriver driver;
    private static SerialLog serial;
    private static final EdgeRecorder EDGES = new EdgeRecorder();
    private static String consoleDisk;

    @BeforeAll
    static void create() {
        node = QemuNode.create(TestbedSpecs.qemuNode("tb0", state, Map.of("rootPorts", "4")));
        driver = node.driver();
        driver.power().watch(EDGES);
        serial = new SerialLog(node.config().serialLog());
    }

    @AfterAll
    static void close() {
        if (node != null) {
            node.close();
            assertTrue(StaleProcess.owner(node.config().pidFile()).isEmpty(), "QEMU left running");
        }
    }

    @Test
    @Order(1)
    void powersOnAndTheGuestReportsReadyWithTheNodesIdentity() throws Exception {
        assertEquals(PowerState.OFF, driver.power().state());
        serial.mark();
        driver.power().powerOn();
        assertEquals(PowerState.ON, driver.power().state());
        assertEquals(PowerState.ON, EDGES.next(CHANGE));
        String ready = serial.awaitReady(BOOT);
        assertTrue(ready.contains("serial=TB-tb0"), ready);
        assertTrue(ready.contains("uuid=" + node.config().uuid()), ready);
        driver.power().powerOn(); // idempotent
        assertEquals(1, driver.inventory().read().cpu().logicalCpus());
        assertEquals(256 * 1024, driver.inventory().read().memoryKiB());
    }

    @Test
    @Order(2)
    void aHotPluggedDiskAppearsOnItsFunctionAndGoesOnDetach() throws Exception {
        VirtioBlkDisk disk = file("ua-data", "data.img", false);
        String address = driver.storage().attach(disk);
        GuestState seen = serial.awaitState(s -> s.diskAt(address).isPresent(), CHANGE, "a disk on " + address);
        assertEquals(16384, seen.diskAt(address).orElseThrow().sectors()); // the volume's 8 MiB
        assertEquals(List.of("ua-data"), driver.storage().attached());
        VirtException twice =
                assertThrows(VirtException.class, () -> driver.storage().attach(disk));
        assertEquals(ErrorNumber.OPERATION_INVALID, twice.number());

        driver.storage().detach("ua-data");
        serial.awaitState(s -> s.diskAt(address).isEmpty(), CHANGE, "the disk on " + address + " to go");
        assertEquals(List.of(), driver.storage().attached());
        VirtException gone =
                assertThrows(VirtException.class, () -> driver.storage().detach("ua-data"));
        assertEquals(ErrorNumber.DEVICE_MISSING, gone.number());
    }

    /** The card cannot reach the volume: the attach fails with the reason and leaves nothing attached. */
    @Test
    @Order(2)
    void aVolumeNobodyServesIsRefusedAndLeavesNothing() {
        VirtException e = assertThrows(
                VirtException.class,
                () -> driver.storage()
                        .attach(new VirtioBlkDisk(
                                "ua-nowhere",
                                Optional.empty(),
                                "nbd",
                                "none",
                                List.of("127.0.0.1:1"),
                                Optional.empty(),
                                false)));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        assertTrue(e.getMessage().contains("blockdev-add"), e.getMessage());
        assertEquals(List.of(), driver.storage().attached());
    }

    @Test
    @Order(3)
    void aReadOnlyFileBackedDiskIsReadOnlyInTheGuest() throws Exception {
        String address = driver.storage().attach(file("ro", "ro.img", true));
        GuestState seen = serial.awaitState(s -> s.diskAt(address).isPresent(), CHANGE, "a disk on " + address);
        assertTrue(seen.diskAt(address).orElseThrow().readOnly());
        driver.storage().detach("ro");
        serial.awaitState(s -> s.diskAt(address).isEmpty(), CHANGE, "the read-only disk to go");
    }

    @Test
    @Order(4)
    void aVfShowsAsANicWithItsMac() {
        VirtualFunction vf =
                new VirtualFunction("52:54:00:ab:cd:01", "52:54:00:ab:cd:01", OptionalInt.of(100), true, false);
        String address = driver.network().attach(vf);
        GuestState seen =
                serial.awaitState(s -> s.nicWithMac("52:54:00:ab:cd:01").isPresent(), CHANGE, "the VF's MAC");
        assertEquals(address, seen.nicWithMac("52:54:00:ab:cd:01").orElseThrow().pci());
        assertEquals(List.of("52:54:00:ab:cd:01"), driver.network().attached());
    }

    @Test
    @Order(5)
    @Timeout(60) // bounds the blocking console read
    void theConsoleShowsWhatTheServerPrints() throws Exception {
        VirtException noHost = assertThrows(
                VirtException.class,
                () -> driver.storage()
                        .attach(new VirtioBlkDisk(
                                "nbd", Optional.of("SN-NBD"), "nbd", "export", List.of(), Optional.empty(), false)));
        assertEquals(ErrorNumber.OPERATION_FAILED, noHost.number());
        try (ConsoleAccess.Session console = driver.console().open()) {
            BufferedReader lines =
                    new BufferedReader(new InputStreamReader(console.output(), StandardCharsets.US_ASCII));
            consoleDisk = driver.storage().attach(file("console-disk", "console.img", false));
            String line;
            do {
                line = lines.readLine(); // the agent prints the new state
            } while (line != null && !(line.startsWith("TB DISK vd") && line.contains(" pci=" + consoleDisk + " ")));
            assertTrue(line != null, "console ended before the disk was reported");
        }
    }

    @Test
    @Order(6)
    void resetRestartsTheSameServerWithItsDevices() throws Exception {
        serial.mark();
        driver.power().reset();
        serial.awaitReady(BOOT);
        serial.awaitState(
                s -> s.nicWithMac("52:54:00:ab:cd:01").isPresent()
                        && s.diskAt(consoleDisk).isPresent(),
                CHANGE,
                "devices after reset");
        assertEquals(PowerState.ON, driver.power().state());
    }

    /** QMP's inject-nmi reaches the guest's kernel, which reports an NMI it has no handler for and runs on. */
    @Test
    @Order(7)
    void anNmiReachesTheGuestKernelWhichRunsOn() {
        serial.mark();

        driver.power().injectNmi();

        String said = serial.awaitConsoleLine(line -> line.contains("NMI received"), CHANGE, "the kernel's NMI report");
        assertTrue(said.contains("Uhhuh. NMI received for unknown reason"), said);
        assertEquals(PowerState.ON, driver.power().state());
    }

    @Test
    @Order(8)
    void requestShutdownPowersTheGuestOffCleanly() throws Exception {
        serial.mark();
        driver.power().requestShutdown();
        assertEquals(PowerState.OFF, EDGES.next(BOOT));
        assertEquals(PowerState.OFF, driver.power().state());
        List<String> said = serial.lines();
        assertTrue(said.contains("TB POWERBUTTON") && said.contains("TB SHUTDOWN"), said.toString());
        driver.power().requestShutdown(); // nothing to do when off
        driver.power().powerOff();
        VirtException reset =
                assertThrows(VirtException.class, () -> driver.power().reset());
        assertEquals(ErrorNumber.OPERATION_INVALID, reset.number());
        VirtException nmi =
                assertThrows(VirtException.class, () -> driver.power().injectNmi());
        assertEquals(ErrorNumber.OPERATION_INVALID, nmi.number());
        VirtException console =
                assertThrows(VirtException.class, () -> driver.console().open());
        assertEquals(ErrorNumber.OPERATION_INVALID, console.number());
    }

    @Test
    @Order(9)
    void devicesChangedWhileOffArePluggedAtPowerOn() throws Exception {
        driver.network().detach("52:54:00:ab:cd:01");
        String cold = driver.storage().attach(file("cold", "cold.img", false));
        serial.mark();
        driver.power().powerOn();
        assertEquals(PowerState.ON, EDGES.next(CHANGE));
        serial.awaitReady(BOOT);
        GuestState seen = serial.awaitState(s -> s.diskAt(cold).isPresent(), CHANGE, "cold-plugged disk");
        assertTrue(seen.nicWithMac("52:54:00:ab:cd:01").isEmpty(), seen.toString());
        assertTrue(seen.diskAt(consoleDisk).isPresent(), seen.toString());
    }

    @Test
    @Order(10)
    void powerOffIsImmediateAndConfirmed() throws Exception {
        serial.mark();
        driver.power().powerOff();
        assertEquals(PowerState.OFF, driver.power().state());
        assertEquals(PowerState.OFF, EDGES.next(CHANGE));
        assertFalse(serial.lines().contains("TB POWERBUTTON"), "a hard off presses no button");
        assertTrue(StaleProcess.owner(node.config().pidFile()).isEmpty());
    }

    @Test
    @Order(11)
    void theRunDirectoryHoldsTheSockets() {
        MachineConfig config = node.config();
        assertTrue(
                config.runDir().startsWith(state) || config.runDir().toString().contains("metalvirt-qemu-"));
    }

    /** A disk on an 8 MiB raw image file of the state directory, as a dir pool's volume. */
    private static VirtioBlkDisk file(String id, String name, boolean readOnly) throws java.io.IOException {
        Path image = state.resolve(name);
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(8 << 20);
        }
        return VirtioBlkDisk.file(id, Optional.empty(), image.toString(), "raw", readOnly);
    }
}
