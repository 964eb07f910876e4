package org.metalvirt.baremetal.board;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.metalvirt.baremetal.exec.Command;
import org.metalvirt.baremetal.exec.CommandResult;
import org.metalvirt.baremetal.exec.CommandRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NIC that exists only as a sysfs tree: PF {@code sim0} with {@code vfs} VFs on bus 0000:5e,
 * laid out as the kernel lays it out, and a command runner that accepts the {@code ip link} VF
 * commands for it (logging them), shows an empty neighbour table, and refuses everything else.
 */
public final class SimulatedNic implements CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedNic.class);
    public static final String PF = "sim0";

    private final Path sysfs;

    /** Builds (or finds again) the tree under {@code sysfs}. */
    public SimulatedNic(Path sysfs, int vfs) throws IOException {
        this.sysfs = sysfs;
        Path device = sysfs.resolve("devices/pci0000:5d/0000:5e:00.0");
        Files.createDirectories(device);
        Files.writeString(device.resolve("sriov_totalvfs"), vfs + "\n");
        Files.writeString(device.resolve("sriov_numvfs"), vfs + "\n");
        for (int vf = 0; vf < vfs; vf++) {
            String address = String.format("0000:5e:%02x.%x", 1 + vf / 8, vf % 8);
            Files.createDirectories(device.resolveSibling(address));
            Path link = device.resolve("virtfn" + vf);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..", address));
            }
        }
        Path net = sysfs.resolve("class/net").resolve(PF);
        Files.createDirectories(net);
        if (!Files.isSymbolicLink(net.resolve("device"))) {
            Files.createSymbolicLink(net.resolve("device"), device);
        }
    }

    public Path sysfs() {
        return sysfs;
    }

    @Override
    public CommandResult run(Command command) {
        if (command.argv().size() > 4
                && command.argv().subList(0, 4).equals(java.util.List.of("ip", "link", "set", PF))) {
            LOG.debug("simulated NIC: {}", command);
            return CommandResult.ok("");
        }
        if (command.argv().equals(java.util.List.of("ip", "-4", "-j", "neigh", "show"))) {
            return CommandResult.ok("[]"); // nothing on the simulated links has spoken to the card
        }
        return CommandResult.failure(1, "the simulated NIC does not run: " + command.line());
    }
}
