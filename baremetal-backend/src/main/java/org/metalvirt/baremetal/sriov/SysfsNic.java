package org.metalvirt.baremetal.sriov;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.metalvirt.error.Failures;
import org.metalvirt.node.SriovNic;
import org.metalvirt.node.SriovNic.Vf;

/**
 * A PF's SR-IOV state in sysfs under an injectable root ({@code /sys} on a real card):
 * {@code class/net/<pf>/device/sriov_numvfs}, {@code sriov_totalvfs}, and {@code virtfnN} links
 * to each VF's PCI device.
 */
public final class SysfsNic {

    private final Path sysfs;

    private final String pf;

    public SysfsNic(Path sysfs, String pf) {
        this.sysfs = sysfs;
        this.pf = pf;
    }

    public String pf() {
        return pf;
    }

    /** The netdevs under {@code root} that can have VFs. */
    public static List<String> physicalFunctions(Path sysfs) {
        Path net = sysfs.resolve("class/net");
        if (!Files.isDirectory(net)) {
            return List.of();
        }
        try (Stream<Path> devices = Files.list(net)) {
            return devices.filter(dev -> Files.exists(dev.resolve("device/sriov_totalvfs")))
                    .map(dev -> dev.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw Failures.failed("cannot list " + net + ": " + e.getMessage(), e);
        }
    }

    private Path device() {
        return sysfs.resolve("class/net").resolve(pf).resolve("device");
    }

    public int totalVfs() {
        return readInt("sriov_totalvfs");
    }

    public int numVfs() {
        return readInt("sriov_numvfs");
    }

    /** Enables {@code count} VFs; a different non-zero count needs 0 written first, as the kernel demands. */
    public void enable(int count) {
        int total = totalVfs();
        if (count < 0 || count > total) {
            throw Failures.invalid("PF " + pf + " supports 0 to " + total + " VFs, not " + count);
        }
        int now = numVfs();
        if (now == count) {
            return;
        }
        if (now != 0) {
            write("sriov_numvfs", "0");
        }
        write("sriov_numvfs", Integer.toString(count));
    }

    /** The VFs sysfs shows now, by index, each with its PCI function as sysfs describes it. */
    public List<Vf> vfs() {
        List<Vf> vfs = new ArrayList<>();
        for (int index = 0; ; index++) {
            Path link = device().resolve("virtfn" + index);
            if (!Files.isSymbolicLink(link)) {
                return vfs;
            }
            try {
                vfs.add(new Vf(index, Files.readSymbolicLink(link).getFileName().toString(), PciSysfs.read(link)));
            } catch (IOException e) {
                throw Failures.failed("cannot read " + link + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The NIC as the node's inventory reports it, read from sysfs now: the PF's function and VPD,
     * its netdev's MAC ({@code address}) and link ({@code operstate}, {@code speed}), its VFs.
     */
    public SriovNic describe() {
        Path netdev = sysfs.resolve("class/net").resolve(pf);
        OptionalInt speed = PciSysfs.number(netdev.resolve("speed"));
        return new SriovNic(
                pf,
                totalVfs(),
                vfs(),
                PciSysfs.read(device()),
                PciSysfs.text(netdev.resolve("address")),
                new SriovNic.Link(
                        PciSysfs.text(netdev.resolve("operstate")).orElse("unknown"),
                        speed.isPresent() && speed.getAsInt() > 0 ? speed : OptionalInt.empty()),
                PciSysfs.vpd(device()));
    }

    private int readInt(String name) {
        Path file = device().resolve(name);
        try {
            return Integer.parseInt(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            throw Failures.failed("cannot read " + file + " (is " + pf + " an SR-IOV PF?): " + e.getMessage(), e);
        }
    }

    private void write(String name, String value) {
        Path file = device().resolve(name);
        try {
            Files.writeString(file, value + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw Failures.failed("cannot write " + value + " to " + file + ": " + e.getMessage(), e);
        }
    }
}
