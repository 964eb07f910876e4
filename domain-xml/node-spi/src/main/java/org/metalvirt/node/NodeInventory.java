package org.metalvirt.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a bare-metal server is made of: architecture, processors, NUMA cells with their memory,
 * its identity, its firmware, the card's SR-IOV NICs whose VFs it gets, and the virtio-blk
 * functions the card can expose to it for disks. The daemon reports it as the host of every connection (node info, host
 * capabilities, sysinfo), because the server — not the card the daemon runs on — is what the
 * cloud agent schedules onto.
 */
public record NodeInventory(
        String arch,
        CpuTopology cpu,
        List<NumaCell> cells,
        SystemIdentity system,
        List<SriovNic> nics,
        ServerFirmware firmware,
        List<PciFunction> blockFunctions) {

    public NodeInventory {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(firmware, "firmware");
        cells = List.copyOf(cells);
        nics = List.copyOf(nics);
        blockFunctions = List.copyOf(blockFunctions);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("a server has at least one NUMA cell");
        }
    }

    /**
     * A server whose sockets are spread evenly over {@code cellCount} NUMA cells, each with an
     * equal share of {@code memoryKiB}, and whose logical CPUs are numbered as Linux numbers
     * them: all first threads of every core, socket by socket, then all second threads. Its
     * firmware is {@link ServerFirmware#DEFAULT}.
     */
    public static NodeInventory symmetric(
            String arch, CpuTopology cpu, int cellCount, long memoryKiB, SystemIdentity system) {
        Checks.positive("cellCount", cellCount);
        Checks.positive("memoryKiB", memoryKiB);
        if (cpu.sockets() % cellCount != 0) {
            throw new IllegalArgumentException(
                    cpu.sockets() + " sockets cannot be spread evenly over " + cellCount + " NUMA cells");
        }
        int socketsPerCell = cpu.sockets() / cellCount;
        int coresTotal = cpu.sockets() * cpu.coresPerSocket();
        List<List<LogicalCpu>> perCell = new ArrayList<>();
        for (int c = 0; c < cellCount; c++) {
            perCell.add(new ArrayList<>());
        }
        for (int thread = 0; thread < cpu.threadsPerCore(); thread++) {
            for (int socket = 0; socket < cpu.sockets(); socket++) {
                for (int core = 0; core < cpu.coresPerSocket(); core++) {
                    int id = thread * coresTotal + socket * cpu.coresPerSocket() + core;
                    int cell = socket / socketsPerCell;
                    perCell.get(cell).add(new LogicalCpu(id, socket, core, cell));
                }
            }
        }
        List<NumaCell> cells = new ArrayList<>();
        for (int c = 0; c < cellCount; c++) {
            List<LogicalCpu> cpus = perCell.get(c);
            cpus.sort((a, b) -> Integer.compare(a.id(), b.id()));
            cells.add(new NumaCell(c, memoryKiB / cellCount, cpus));
        }
        return new NodeInventory(arch, cpu, cells, system, List.of(), ServerFirmware.DEFAULT, List.of());
    }

    /** The same server with the card's SR-IOV NICs, as its backend discovered them. */
    public NodeInventory withNics(List<SriovNic> discovered) {
        return new NodeInventory(arch, cpu, cells, system, discovered, firmware, blockFunctions);
    }

    /** The same server with the given firmware. */
    public NodeInventory withFirmware(ServerFirmware actual) {
        return new NodeInventory(arch, cpu, cells, system, nics, actual, blockFunctions);
    }

    /** The same server with the virtio-blk functions the card exposes for disks. */
    public NodeInventory withBlockFunctions(List<PciFunction> functions) {
        return new NodeInventory(arch, cpu, cells, system, nics, firmware, functions);
    }

    /** All memory of the server, in KiB. */
    public long memoryKiB() {
        return cells.stream().mapToLong(NumaCell::memoryKiB).sum();
    }

    /** The logical CPUs sharing a core with {@code cpu}, itself included, by id. */
    public List<Integer> siblingsOf(LogicalCpu cpu) {
        return cells.stream()
                .flatMap(cell -> cell.cpus().stream())
                .filter(other -> other.socket() == cpu.socket() && other.core() == cpu.core())
                .map(LogicalCpu::id)
                .sorted()
                .toList();
    }
}
