package org.metalvirt.qemu.node;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.metalvirt.baremetal.BaremetalBackend;
import org.metalvirt.baremetal.process.StaleProcess;
import org.metalvirt.baremetal.smartnic.StorageDaemonProvider;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.PowerControl;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.qemu.process.MachineConfig;

/**
 * A QEMU VM standing in for a bare-metal server, and the {@link NodeDriver} that drives it. The
 * {@code qemu} backend hands out the driver; tests also keep this handle to {@link #close} the
 * process. The daemon does not need to: its QEMUs end with it (see {@code LifelineProcess}).
 */
public final class QemuNode implements AutoCloseable {

    /** Unix socket paths are limited to 108 bytes; longer run directories move under /tmp. */
    private static final int MAX_SOCKET_PATH = 100;

    private final QemuMachine machine;
    private final NodeDriver driver;
    private final AutoCloseable power;

    private QemuNode(QemuMachine machine, NodeDriver driver, AutoCloseable power) {
        this.machine = machine;
        this.driver = driver;
        this.power = power;
    }

    /** Builds the node from the backend's options; a bad option is an {@code IllegalArgumentException} naming it. */
    public static QemuNode create(NodeSpec spec) {
        QemuOptions options = QemuOptions.bind(spec.options());
        SystemIdentity identity = spec.inventory().system();
        UUID uuid = identity.uuid() != null
                ? identity.uuid()
                : UUID.nameUUIDFromBytes(("metalvirt-qemu:" + spec.name()).getBytes(StandardCharsets.UTF_8));
        MachineConfig config = new MachineConfig(
                options.qemuBinary(),
                spec.name(),
                options.memoryMiB(),
                options.cpus(),
                options.kernelFile(),
                options.initrdFile(),
                options.append(),
                options.diskFile(),
                options.rootPorts(),
                uuid,
                text(identity.manufacturer(), "metalvirt"),
                text(identity.product(), "QEMU testbed server"),
                text(identity.serial(), "QEMU-" + spec.name()),
                options.runDirectory().orElseGet(() -> runDir(spec.stateDir(), spec.name())),
                List.of());
        // The card's disk provider: a storage daemon of the node's own, its sockets beside QEMU's.
        StorageDaemonProvider disks = new StorageDaemonProvider(
                spec.name(),
                options.storageDaemonBinary(),
                config.runDir().resolve("sd"),
                options.deviceTimeout(),
                "iqn.2024-01.org.metalvirt:" + spec.name());
        QemuMachine machine = new QemuMachine(config, options, disks);
        PowerControl powerControl;
        if (options.power() == QemuOptions.Power.QEMU) {
            StaleProcess.sweep(config.pidFile()); // a QEMU of a daemon that died with its wrapper
            powerControl = new QemuPowerControl(machine);
        } else {
            Map<String, String> bmcOptions = new LinkedHashMap<>(options.bmcOptions());
            bmcOptions.put("power", "ipmi");
            bmcOptions.put("boot", "none"); // QEMU boots what its options say
            NodeDriver bmc = new BaremetalBackend()
                    .create(new NodeSpec(
                            spec.name(), spec.inventory(), bmcOptions, spec.stateDir(), spec.runtimeDir()));
            powerControl = new QmpReconnectingPowerControl(bmc.power(), machine, options.bootTimeout());
        }
        NodeInventory inventory = NodeInventory.symmetric(
                        "x86_64",
                        new CpuTopology(
                                spec.inventory().cpu().vendor(),
                                spec.inventory().cpu().model(),
                                spec.inventory().cpu().mhz(),
                                1,
                                options.cpus(),
                                1,
                                spec.inventory().cpu().features()),
                        1,
                        options.memoryMiB() * 1024L,
                        identity)
                .withFirmware(spec.inventory().firmware());
        NodeDriver driver = NodeDriver.inventoryOnly(spec.name(), () -> inventory)
                .withPower(powerControl)
                .withStorage(new QemuBlockStorage(machine))
                .withNetwork(new QemuNetworkAttachment(machine))
                .withConsole(new QemuConsole(config));
        if (options.power() == QemuOptions.Power.QEMU) {
            // A BMC's QEMU (power: ipmi) runs the command its start script was given.
            driver = driver.withBoot(new QemuBootControl(machine, inventory.firmware()));
        }
        return new QemuNode(machine, driver, (AutoCloseable) powerControl);
    }

    public NodeDriver driver() {
        return driver;
    }

    /** The VM's configuration: its run directory, sockets and serial log. */
    public MachineConfig config() {
        return machine.config();
    }

    /** Ends the QEMU process if this node owns it, and the node's threads. */
    @Override
    public void close() {
        try {
            power.close();
        } catch (Exception e) {
            machine.close();
        }
    }

    private static String text(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    /** {@code stateDir/name}, or a stable directory under /tmp when socket paths there would be too long. */
    static Path runDir(Path stateDir, String name) {
        Path dir = stateDir.toAbsolutePath().resolve(name);
        if (dir.resolve("sd/vblk15.sock").toString().length() <= MAX_SOCKET_PATH) { // the longest socket
            return dir;
        }
        String hash = UUID.nameUUIDFromBytes(dir.toString().getBytes(StandardCharsets.UTF_8))
                .toString()
                .substring(0, 8);
        return Path.of(System.getProperty("java.io.tmpdir"), "metalvirt-qemu-" + hash, name);
    }
}
