package org.metalvirt.baremetal.sriov;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.metalvirt.node.PciFunction;
import org.metalvirt.node.Vpd;

/**
 * A PCI function's directory in sysfs ({@code /sys/bus/pci/devices/dddd:bb:ss.f}, the target of a
 * netdev's {@code device} link or a PF's {@code virtfnN} link): its ids, class, IOMMU group, NUMA
 * node, driver and VPD. A file the kernel does not provide leaves its field empty.
 */
final class PciSysfs {

    private PciSysfs() {}

    /** The function, or empty when the directory has no vendor and device ids to describe it by. */
    static Optional<PciFunction> read(Path device) {
        try {
            Path real = device.toRealPath();
            OptionalInt vendor = hex(real.resolve("vendor"));
            OptionalInt product = hex(real.resolve("device"));
            if (vendor.isEmpty() || product.isEmpty()) {
                return Optional.empty();
            }
            OptionalInt numa = number(real.resolve("numa_node"));
            return Optional.of(new PciFunction(
                    real.getFileName().toString(),
                    vendor.getAsInt(),
                    product.getAsInt(),
                    hex(real.resolve("class")),
                    group(real),
                    numa.isPresent() && numa.getAsInt() >= 0 ? numa : OptionalInt.empty(),
                    linked(real.resolve("driver"))));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The VPD of the function, where it has one that reads. */
    static Optional<Vpd> vpd(Path device) {
        Path file = device.resolve("vpd");
        try {
            return Files.isRegularFile(file) ? VpdReader.read(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            // The kernel refuses to read the VPD of some cards (a bad checksum, a firmware quirk).
            return Optional.empty();
        }
    }

    /** The text of a one-line attribute file, or empty when it is absent or cannot be read. */
    static Optional<String> text(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(
                            Files.readString(file, StandardCharsets.US_ASCII).strip())
                    : Optional.empty();
        } catch (IOException e) {
            // sysfs answers EINVAL for some attributes in some states (speed of a link that is down).
            return Optional.empty();
        }
    }

    static OptionalInt number(Path file) {
        Optional<String> text = text(file);
        return text.isPresent() && text.get().matches("-?\\d+")
                ? OptionalInt.of(Integer.parseInt(text.get()))
                : OptionalInt.empty();
    }

    private static OptionalInt hex(Path file) {
        Optional<String> text = text(file);
        return text.isPresent() && text.get().matches("0x[0-9a-fA-F]+")
                ? OptionalInt.of(Integer.parseInt(text.get().substring(2), 16))
                : OptionalInt.empty();
    }

    /** The function's IOMMU group and the functions its {@code devices} directory lists. */
    private static Optional<PciFunction.IommuGroup> group(Path function) throws IOException {
        Path link = function.resolve("iommu_group");
        Optional<String> number = linked(link);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<String> members = new TreeSet<>();
        members.add(function.getFileName().toString());
        Path devices = link.resolve("devices");
        if (Files.isDirectory(devices)) {
            try (Stream<Path> listed = Files.list(devices)) {
                listed.forEach(member -> members.add(member.getFileName().toString()));
            }
        }
        return Optional.of(new PciFunction.IommuGroup(Integer.parseInt(number.get()), List.copyOf(members)));
    }

    /** The last name of the path a link points to: the group's number, the driver's name. */
    private static Optional<String> linked(Path link) throws IOException {
        return Files.isSymbolicLink(link)
                ? Optional.of(Files.readSymbolicLink(link).getFileName().toString())
                : Optional.empty();
    }
}
