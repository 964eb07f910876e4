package org.metalvirt.qemu.testbed;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.qemu.process.MachineConfig;
import org.metalvirt.qemu.process.QemuCommand;

/** Node specs of testbed QEMU nodes booting the {@link TestbedGuest}, as the daemon would build them. */
public final class TestbedSpecs {

    private TestbedSpecs() {}

    /** A 1-vCPU, 256 MiB node named {@code name}; {@code options} add to or override the guest's boot options. */
    public static NodeSpec qemuNode(String name, Path stateDir, Map<String, String> options) {
        Map<String, String> all = new HashMap<>(TestbedGuest.get().bootOptions());
        all.putAll(options);
        UUID uuid = UUID.nameUUIDFromBytes(("metalvirt-testbed:" + name).getBytes(StandardCharsets.UTF_8));
        SystemIdentity identity =
                new SystemIdentity(uuid, "metalvirt", "QEMU testbed server", "TB-" + name, "SeaBIOS", "1.16");
        NodeInventory inventory = NodeInventory.symmetric(
                "x86_64", new CpuTopology("AMD", "qemu64", 2000, 1, 1, 1), 1, 256 * 1024, identity);
        return new NodeSpec(name, inventory, all, stateDir);
    }

    /**
     * The QEMU an {@link IpmiSimBmc} starts for a 1-vCPU, 256 MiB server booting the guest, named
     * {@code name}, with {@code rootPorts} hot-plug slots and its sockets in {@code runDir}.
     */
    public static MachineConfig bmcMachine(String name, int rootPorts, Path runDir) {
        TestbedGuest guest = TestbedGuest.get();
        return new MachineConfig(
                "qemu-system-x86_64",
                name,
                256,
                1,
                Optional.of(guest.kernel()),
                Optional.of(guest.initrd()),
                QemuCommand.DEFAULT_APPEND,
                Optional.empty(),
                rootPorts,
                UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
                "metalvirt",
                "IPMI testbed server",
                "TB-" + name,
                runDir,
                List.of());
    }
}
