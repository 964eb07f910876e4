package org.metalvirt.shim.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.metalvirt.cpumodel.CpuModels;
import org.metalvirt.io.PrivateDirectories;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.FirmwareMode;
import org.metalvirt.node.NodeBackend;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NodeSpec;
import org.metalvirt.node.ServerFirmware;
import org.metalvirt.node.SystemIdentity;

/**
 * One node in the configuration file. The {@code sim} backend is a simulated server whose
 * make-up the {@code inventory} section describes; its defaults are a common two-socket server.
 */
public final class NodeConfig {

    public String name = "node0";
    /** The embedded default: the real GPIO, SR-IOV and SPDK drivers over simulated hardware. */
    public String backend = "simboard";

    public Inventory inventory = new Inventory();
    /** The backend's own settings; see the README for each backend's. */
    public Map<String, String> options = new LinkedHashMap<>();

    public static final class Inventory {
        public String arch = "x86_64";
        public String cpuVendor = "Intel";
        public String cpuModel = "Skylake-Server";
        public int mhz = 2400;
        public int sockets = 2;
        public int cores = 8;
        public int threads = 2;
        public int numaCells = 2;
        public long memoryMiB = 65536;
        public String manufacturer = "metalvirt";
        public String product = "Simulated Server";
        public String serial;
        public String uuid;
        public String biosVendor = "metalvirt";
        public String biosVersion = "1.0";
        /** libvirt's CPU feature names; absent: those of {@link #cpuModel} in metalvirt's CPU model table. */
        public List<String> cpuFeatures;
        /** How the firmware boots: {@code efi}, {@code bios}, or both. */
        public List<String> firmware = List.of("efi", "bios");
        /** UEFI Secure Boot is available (needs {@code efi}). */
        public boolean secureBoot;
    }

    NodeDriver toDriver(Path stateDir, Path runtimeDir) {
        NodeSpec spec = spec(stateDir, runtimeDir);
        for (Path dir : List.of(spec.stateDir(), spec.runtimeDir())) {
            try {
                // What backends keep (simulated boards, QEMU run files) is as private as the rest of the state.
                PrivateDirectories.create(dir);
            } catch (IOException e) {
                throw new ConfigException("node '" + name + "': cannot create " + dir + ": " + e);
            }
        }
        try {
            return backend().create(spec);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("node '" + name + "': " + e.getMessage());
        }
    }

    /** The backend named, checked without building a driver (which may reach hardware). */
    NodeBackend backend() {
        try {
            return NodeBackend.named(backend);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("node '" + name + "': " + e.getMessage());
        }
    }

    /** What the backend is given: the inventory checked and built, nothing opened. */
    NodeSpec spec(Path stateDir, Path runtimeDir) {
        try {
            NodeInventory inventory = NodeInventory.symmetric(
                            this.inventory.arch,
                            new CpuTopology(
                                    this.inventory.cpuVendor,
                                    this.inventory.cpuModel,
                                    this.inventory.mhz,
                                    this.inventory.sockets,
                                    this.inventory.cores,
                                    this.inventory.threads,
                                    cpuFeatures()),
                            this.inventory.numaCells,
                            this.inventory.memoryMiB * 1024,
                            identity())
                    .withFirmware(firmware());
            return new NodeSpec(name, inventory, options, stateDir.resolve("nodes"), runtimeDir.resolve("nodes"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ConfigException("node '" + name + "': " + e.getMessage());
        }
    }

    /**
     * As configured, else those of the CPU model (none for a model the table does not know), read
     * from the table when first asked for (capabilities, a plan), not at the daemon's start.
     */
    private List<String> cpuFeatures() {
        if (inventory.cpuFeatures != null) {
            return inventory.cpuFeatures;
        }
        String arch = inventory.arch;
        String model = inventory.cpuModel;
        return CpuTopology.featuresLater(() -> CpuModels.table()
                .find(arch, model)
                .map(found -> List.copyOf(found.features()))
                .orElse(List.of()));
    }

    private ServerFirmware firmware() {
        if (inventory.firmware == null) {
            throw new ConfigException("node '" + name + "': firmware lists efi, bios or both");
        }
        return new ServerFirmware(
                inventory.firmware.stream().map(FirmwareMode::named).toList(), inventory.secureBoot);
    }

    /** A simulated server without a configured identity gets a stable one derived from its name. */
    private SystemIdentity identity() {
        UUID uuid;
        try {
            uuid = inventory.uuid != null
                    ? UUID.fromString(inventory.uuid)
                    : UUID.nameUUIDFromBytes(
                            ("metalvirt-node:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("node '" + name + "': uuid '" + inventory.uuid + "' is not a UUID");
        }
        String serial = inventory.serial != null ? inventory.serial : "SIM-" + name;
        return new SystemIdentity(
                uuid, inventory.manufacturer, inventory.product, serial, inventory.biosVendor, inventory.biosVersion);
    }
}
