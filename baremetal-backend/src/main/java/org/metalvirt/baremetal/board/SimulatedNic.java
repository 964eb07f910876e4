package org.metalvirt.baremetal.board;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NIC that exists only as a sysfs tree: PF {@code sim0} at 0000:5e:00.0, a ConnectX-5 by its
 * ids, with {@code vfs} VFs from 0000:5e:00.2 on (the first VF offset of a two-port card), laid
 * out as the kernel lays it out — ids, class, NUMA node, an IOMMU group per function, the PF's
 * driver, VPD, MAC and link — and a command runner that accepts the {@code ip link} VF commands
 * for it (logging them), shows an empty neighbour table, and refuses everything else.
 */
public final class SimulatedNic implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNic.class);
    public static final String PF = "sim0";
    public static final String PF_ADDRESS = "0000:5e:00.0";
    public static final String MAC = "0c:42:a1:5e:00:00";
    public static final String SERIAL = "MT2146X00042";
    private static final int FIRST_VF_OFFSET = 2;
    private static final int PF_IOMMU_GROUP = 40;

    private final Path sysfs;

    /** Builds (or finds again) the tree under {@code sysfs}. */
    public SimulatedNic(Path sysfs, int vfs) throws IOException {
        this.sysfs = sysfs;
        Path device = pf(sysfs);
        function(sysfs, device, "0x1017", PF_IOMMU_GROUP);
        link(device.resolve("driver"), sysfs.resolve("bus/pci/drivers/mlx5_core"));
        Files.write(device.resolve("vpd"), vpd());
        Files.writeString(device.resolve("sriov_totalvfs"), vfs + "\n");
        enable(sysfs, vfs);
        Path net = sysfs.resolve("class/net").resolve(PF);
        Files.createDirectories(net);
        link(net.resolve("device"), device);
        Files.writeString(net.resolve("address"), MAC + "\n");
        Files.writeString(net.resolve("operstate"), "up\n");
        Files.writeString(net.resolve("speed"), "25000\n");
    }

    /** The address of VF {@code index}. */
    public static String vfAddress(int index) {
        int function = FIRST_VF_OFFSET + index;
        return String.format("0000:5e:%02x.%x", function / 8, function % 8);
    }

    /**
     * Sets {@code sriov_numvfs} as the kernel does it: the VFs beyond {@code count} vanish from
     * the tree, those up to it appear. Tests use it to take VFs away underneath the daemon.
     */
    public static void enable(Path sysfs, int count) throws IOException {
        Path device = pf(sysfs);
        for (int vf = 0; Files.isSymbolicLink(device.resolve("virtfn" + vf)) || vf < count; vf++) {
            Path link = device.resolve("virtfn" + vf);
            Path function = device.resolveSibling(vfAddress(vf));
            if (vf < count) {
                if (Files.isSymbolicLink(link)) {
                    // A VF that stays is left as it is, as the kernel leaves it: no reader sees it half-made.
                    continue;
                }
                function(sysfs, function, "0x1018", PF_IOMMU_GROUP + 1 + vf);
                link(function.resolve("physfn"), device);
                link(link, Path.of("..", vfAddress(vf)));
            } else {
                Files.deleteIfExists(link);
                deleteTree(function);
                Files.deleteIfExists(sysfs.resolve("kernel/iommu_groups")
                        .resolve(Integer.toString(PF_IOMMU_GROUP + 1 + vf))
                        .resolve("devices")
                        .resolve(vfAddress(vf)));
            }
        }
        Files.writeString(device.resolve("sriov_numvfs"), count + "\n");
    }

    public Path sysfs() {
        return sysfs;
    }

    @Override
    public CommandResult run(Command command) {
        if (command.argv().size() > 4 && command.argv().subList(0, 4).equals(List.of("ip", "link", "set", PF))) {
            LOG.debug("simulated NIC: {}", command);
            return CommandResult.ok("");
        }
        if (command.argv().equals(List.of("ip", "-4", "-j", "neigh", "show"))) {
            return CommandResult.ok("[]"); // nothing on the simulated links has spoken to the card
        }
        return CommandResult.failure(1, "the simulated NIC does not run: " + command.line());
    }

    private static Path pf(Path sysfs) {
        return sysfs.resolve("devices/pci0000:5d/0000:5d:00.0").resolve(PF_ADDRESS);
    }

    /** A Mellanox Ethernet function on NUMA node 0, alone in its IOMMU group. */
    private static void function(Path sysfs, Path function, String product, int group) throws IOException {
        Files.createDirectories(function);
        Files.writeString(function.resolve("vendor"), "0x15b3\n");
        Files.writeString(function.resolve("device"), product + "\n");
        Files.writeString(function.resolve("class"), "0x020000\n");
        Files.writeString(function.resolve("numa_node"), "0\n");
        Path iommu = sysfs.resolve("kernel/iommu_groups").resolve(Integer.toString(group));
        Files.createDirectories(iommu.resolve("devices"));
        link(iommu.resolve("devices").resolve(function.getFileName()), function);
        link(function.resolve("iommu_group"), iommu);
    }

    private static void link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                Files.delete(entry); // functions hold files and links only
            }
        }
        Files.delete(dir);
    }

    /** The card's VPD: its identifier string and read-only part number, change level and serial. */
    private static byte[] vpd() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource(out, 0x82, ascii("ConnectX-5 EN adapter card, 25GbE dual-port SFP28 (simulated)"));
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        keyword(fields, "PN", "MCX512A-ACAT");
        keyword(fields, "EC", "A7");
        keyword(fields, "SN", SERIAL);
        keyword(fields, "RV", "\0");
        resource(out, 0x90, fields.toByteArray());
        out.write(0x78);
        return out.toByteArray();
    }

    private static void resource(ByteArrayOutputStream out, int tag, byte[] data) {
        out.write(tag);
        out.write(data.length & 0xff);
        out.write(data.length >> 8);
        out.writeBytes(data);
    }

    private static void keyword(ByteArrayOutputStream out, String key, String value) {
        out.writeBytes(ascii(key));
        out.write(value.length());
        out.writeBytes(ascii(value));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
