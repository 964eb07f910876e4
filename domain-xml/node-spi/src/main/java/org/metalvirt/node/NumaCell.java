package org.metalvirt.node;

import java.util.List;

/**
 * One NUMA cell: its memory and the logical CPUs local to it.
 *
 * @param id        cell number
 * @param memoryKiB memory local to the cell, in KiB
 * @param cpus      logical CPUs of the cell, by id
 */
public record NumaCell(int id, long memoryKiB, List<LogicalCpu> cpus) {

    public NumaCell {
        Checks.positive("memoryKiB", memoryKiB);
        cpus = List.copyOf(cpus);
    }
}
