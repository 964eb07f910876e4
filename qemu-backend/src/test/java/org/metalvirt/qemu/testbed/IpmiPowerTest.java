package org.metalvirt.qemu.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metalvirt.baremetal.process.StaleProcess;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.PowerState;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.testing.EdgeRecorder;
import org.metalvirt.qemu.node.QemuNode;
import org.metalvirt.qemu.process.MachineConfig;

/**
 * Power through a real BMC simulator: ipmitool → ipmi_sim → the QEMU node, and the daemon's
 * IPMI driver (the {@code baremetal} backend, {@code power: ipmi}) for power with QMP for the rest.
 */
class IpmiPowerTest {

    private static final Duration BOOT = Duration.ofSeconds(90);

    @Test
    void theDaemonPowersTheNodeThroughIpmiAndSeesAnOutOfBandPowerOff(@TempDir Path dir) throws Exception {
        TestbedGuest guest = TestbedGuest.get();
        MachineConfig machine = TestbedSpecs.bmcMachine("bmc0", 2, dir.resolve("vm"));
        try (IpmiSimBmc bmc = IpmiSimBmc.start(dir.resolve("bmc"), machine)) {
            assertEquals("Chassis Power is off", bmc.ipmitool("chassis", "power", "status"));
            QemuNode node = QemuNode.create(TestbedSpecs.qemuNode("bmc0", dir.resolve("state"), bmc.qemuOptions()));
            try {
                NodeDriver driver = node.driver();
                EdgeRecorder edges = new EdgeRecorder();
                driver.power().watch(edges);
                SerialLog serial = new SerialLog(machine.serialLog()).mark();
                // Recorded while off, plugged once the BMC's QEMU is up.
                Path image = dir.resolve("d1.img");
                try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
                    file.setLength(8 << 20);
                }
                String address = driver.storage()
                        .attach(VirtioBlkDisk.file("d1", Optional.empty(), image.toString(), "raw", false));

                driver.power().powerOn();
                assertEquals(PowerState.ON, driver.power().state());
                assertEquals("Chassis Power is on", bmc.ipmitool("chassis", "power", "status"));
                serial.awaitReady(BOOT);
                serial.awaitState(s -> s.diskAt(address).isPresent(), BOOT, "the disk plugged over QMP");
                assertEquals(PowerState.ON, edges.next(Duration.ofSeconds(30), driver.power()::state));

                bmc.ipmitool("chassis", "power", "off"); // out of band: the daemon did not ask
                assertEquals(PowerState.OFF, edges.next(Duration.ofSeconds(30), driver.power()::state));
                assertEquals(PowerState.OFF, driver.power().state());
            } finally {
                node.close();
            }
        }
        assertTrue(StaleProcess.owner(machine.pidFile()).isEmpty(), "QEMU left running");
    }

    @Test
    void ipmitoolStartsAndStopsTheQemuNode(@TempDir Path dir) throws Exception {
        TestbedGuest guest = TestbedGuest.get();
        MachineConfig machine = TestbedSpecs.bmcMachine("bmc1", 1, dir.resolve("vm"));
        try (IpmiSimBmc bmc = IpmiSimBmc.start(dir.resolve("bmc"), machine)) {
            SerialLog serial = new SerialLog(machine.serialLog()).mark();
            bmc.ipmitool("chassis", "power", "on");
            serial.awaitReady(BOOT);
            serial.mark();
            bmc.ipmitool("chassis", "power", "reset");
            serial.awaitReady(BOOT); // same process, the guest boots again
            serial.mark();
            bmc.ipmitool("chassis", "power", "soft");
            serial.awaitLine(line -> line.equals("TB SHUTDOWN"), BOOT, "a clean shutdown");
            ProcessHandle qemu = StaleProcess.owner(machine.pidFile()).orElse(null);
            if (qemu != null) {
                qemu.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertEquals("Chassis Power is off", bmc.ipmitool("chassis", "power", "status"));
        }
        assertTrue(StaleProcess.owner(machine.pidFile()).isEmpty(), "QEMU left running");
    }
}
