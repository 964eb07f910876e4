package org.metalvirt.qemu.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one QEMU "server" is: its resources, what it boots, its identity, and the directory
 * holding its sockets and logs. {@link QemuCommand} turns it into a command line.
 *
 * @param binary       the QEMU program ({@code qemu-system-x86_64})
 * @param name         the node's name (QEMU's {@code -name}, log prefixes)
 * @param memoryMiB    guest memory
 * @param cpus         vCPUs, one socket
 * @param kernel       a kernel to boot directly ({@code -kernel}); without one or a disk, the firmware
 *                     boots from the card's disks, as a server does
 * @param initrd       its initramfs
 * @param append       its command line
 * @param disk         a raw or qcow2 boot disk (cold-plugged, not hot-unpluggable)
 * @param rootPorts    {@code pcie-root-port}s for hot-plug: one device each, so this bounds disks plus NICs
 * @param uuid         SMBIOS system UUID the server's OS sees
 * @param manufacturer SMBIOS manufacturer
 * @param product      SMBIOS product name
 * @param serial       SMBIOS serial number
 * @param runDir       sockets ({@code qmp.sock}, {@code serial.sock}), {@code serial.log}, {@code qemu.pid}, {@code qemu.log}
 * @param extraArgs    appended as given (e.g. the IPMI BMC chardev of the testbed)
 */
public record MachineConfig(
        String binary,
        String name,
        int memoryMiB,
        int cpus,
        Optional<Path> kernel,
        Optional<Path> initrd,
        String append,
        Optional<Path> disk,
        int rootPorts,
        UUID uuid,
        String manufacturer,
        String product,
        String serial,
        Path runDir,
        List<String> extraArgs) {

    /** Root ports sit at slots 0x10 to 0x1e of pcie.0, one per slot; 0x1f holds the ICH9 functions. */
    public static final int MAX_ROOT_PORTS = 15;

    private static final Pattern GUEST_ADDRESS = Pattern.compile("0000:(\\p{XDigit}{2}):00\\.0");

    public MachineConfig {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(initrd, "initrd");
        Objects.requireNonNull(append, "append");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(runDir, "runDir");
        extraArgs = List.copyOf(extraArgs);
        if (memoryMiB < 16) {
            throw new IllegalArgumentException("memoryMiB must be at least 16, got " + memoryMiB);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be positive, got " + cpus);
        }
        if (rootPorts < 0 || rootPorts > MAX_ROOT_PORTS) {
            throw new IllegalArgumentException(
                    "rootPorts must be between 0 and " + MAX_ROOT_PORTS + ", got " + rootPorts);
        }
    }

    public Path qmpSocket() {
        return runDir.resolve("qmp.sock");
    }

    public Path serialSocket() {
        return runDir.resolve("serial.sock");
    }

    /** Everything the server printed, across power cycles: QEMU writes it even with no console client. */
    public Path serialLog() {
        return runDir.resolve("serial.log");
    }

    public Path pidFile() {
        return runDir.resolve("qemu.pid");
    }

    public Path qemuLog() {
        return runDir.resolve("qemu.log");
    }

    /** The node's UEFI variable store (its NVRAM), copied from OVMF's template at its first UEFI boot. */
    public Path uefiVars() {
        return runDir.resolve("efivars.fd");
    }

    /** The id of hot-plug root port {@code port} (1-based). */
    public static String rootPortId(int port) {
        return "rp" + port;
    }

    /**
     * The PCI address the server's OS gives a device on root port {@code port}: the firmware numbers
     * the ports' secondary buses in slot order, and nothing else on q35 here is a bridge.
     */
    public static String guestAddress(int port) {
        return String.format("0000:%02x:00.0", port);
    }

    /** The root port of a {@link #guestAddress}; empty for any other address. */
    public static OptionalInt portOf(String address) {
        Matcher matcher = GUEST_ADDRESS.matcher(address);
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1), 16)) : OptionalInt.empty();
    }
}
