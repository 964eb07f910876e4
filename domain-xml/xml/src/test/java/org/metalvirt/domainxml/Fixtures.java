package org.metalvirt.domainxml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.SystemIdentity;
import org.metalvirt.node.VirtioBlkDisk;
import org.metalvirt.node.VirtualFunction;

/** The fixture files, the node they are planned against, and the plan written as text. */
final class Fixtures {

    /** 2 sockets x 8 cores x 2 threads = 32 logical CPUs, 64 GiB, x86_64. */
    static final NodeInventory NODE = NodeInventory.symmetric(
            "x86_64",
            new CpuTopology("Intel", "Skylake-Server", 2400, 2, 8, 2),
            2,
            64L * 1024 * 1024,
            new SystemIdentity(
                    UUID.fromString("66b7c82e-d8dc-32d0-8849-fc37e7ec4db4"),
                    "metalvirt",
                    "Test Server",
                    "T-1",
                    "metalvirt",
                    "1.0"));

    /** A card exposing 8 virtio-blk functions and a NIC with 4 VFs. */
    static final NodeLimits LIMITS = new NodeLimits(8, 4);

    private Fixtures() {}

    /** The {@code .xml} inputs of a fixture directory, by name without extension. */
    static Stream<String> names(String directory) {
        try (Stream<Path> files = Files.list(dir(directory))) {
            return files
                    .map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".xml") && !name.endsWith(".out.xml"))
                    .map(name -> name.substring(0, name.length() - ".xml".length()))
                    .sorted()
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<String> read(String directory, String file) {
        Path path = dir(directory).resolve(file);
        try {
            return Files.exists(path) ? Optional.of(Files.readString(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir(String directory) {
        try {
            return Path.of(Fixtures.class.getResource("/" + directory).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plan as the {@code .plan} files write it: one line per fact. */
    static String render(NodePlan plan) {
        StringBuilder out = new StringBuilder();
        out.append("power: poweroff=")
                .append(plan.power().onPoweroff().xml())
                .append(" reboot=")
                .append(plan.power().onReboot().xml())
                .append(" crash=")
                .append(plan.power().onCrash().xml())
                .append('\n');
        out.append("firmware: ")
                .append(plan.firmware().name().toLowerCase())
                .append(" secure-boot=")
                .append(yes(plan.secureBoot()))
                .append('\n');
        out.append("boot: ")
                .append(plan.boot().stream()
                        .map(entry -> entry.device().name().toLowerCase()
                                + entry.id().map(id -> " " + id).orElse(""))
                        .collect(Collectors.joining(", ")))
                .append('\n');
        for (VirtioBlkDisk disk : plan.disks()) {
            out.append("disk ")
                    .append(disk.id())
                    .append(": ")
                    .append(disk.protocol())
                    .append(' ')
                    .append(disk.target())
                    .append(" hosts=")
                    .append(String.join(",", disk.hosts()))
                    .append(" secret=")
                    .append(disk.secret().orElse("-"))
                    .append(" serial=")
                    .append(disk.serial().orElse("-"))
                    .append(disk.readOnly() ? " ro" : " rw")
                    .append('\n');
        }
        for (VirtualFunction vf : plan.vfs()) {
            out.append("vf ")
                    .append(vf.id())
                    .append(": mac=")
                    .append(vf.mac())
                    .append(" vlan=")
                    .append(vf.vlan().isPresent() ? String.valueOf(vf.vlan().getAsInt()) : "-")
                    .append(" spoofcheck=")
                    .append(yes(vf.spoofCheck()))
                    .append(" trust=")
                    .append(yes(vf.trust()))
                    .append('\n');
        }
        out.append("console: ").append(yes(plan.console())).append('\n');
        List<String> ignored = plan.notActedOn();
        if (!ignored.isEmpty()) {
            out.append("not acted on: ").append(String.join(", ", ignored)).append('\n');
        }
        return out.toString();
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }
}
