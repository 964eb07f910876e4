package org.metalvirt.node;

import java.util.OptionalInt;

/**
 * Capability: how the server uses its processors and memory, from a source that sees it (a
 * BMC's Redfish metrics, a simulated server's own clock). Most cards cannot see it at all:
 * they leave the capability out, and the calls answer "not supported" rather than zeros. Each
 * query may also be refused on its own where the source gives one figure but not the other.
 */
public interface HostStatistics {

    /** Processor use of the whole server ({@code cpu} empty) or of one logical CPU. */
    sealed interface CpuUse permits CpuTimes, CpuUtilization {}

    /** Cumulative nanoseconds each logical CPU spent in each mode, summed over the CPUs asked for. */
    record CpuTimes(long kernelNanos, long userNanos, long idleNanos, long iowaitNanos) implements CpuUse {}

    /** What a source that only samples reports: the percentage of all processor time in use now. */
    record CpuUtilization(int percent) implements CpuUse {}

    /** Memory of the whole server ({@code cell} empty) or of one NUMA cell, in KiB. */
    record MemoryUse(long totalKiB, long freeKiB) {}

    /** {@code cpu}, when present, is one the server has: the caller checked it against the inventory. */
    CpuUse cpu(OptionalInt cpu);

    /** {@code cell}, when present, is one of the inventory's cells, by index. */
    MemoryUse memory(OptionalInt cell);
}
