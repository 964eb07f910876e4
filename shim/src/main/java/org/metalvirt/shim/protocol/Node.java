package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import org.metalvirt.shim.xdr.Chars;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of the {@code remote_node_*} structs, fields in XDR order: {@code Node.GetInfoRet} is
 * {@code remote_node_get_info_ret}.
 */
public final class Node {

    private Node() {}

    /** {@code model} is {@code char[32]}, four bytes per char; {@code sockets} is per NUMA cell. */
    public record GetInfoRet(
            @Chars(value = 32, fixed = true) String model,
            long memory,
            int cpus,
            int mhz,
            int nodes,
            int sockets,
            int cores,
            int threads) {}

    public record GetFreeMemoryRet(long freeMem) {}

    public record GetCellsFreeMemoryArgs(int startCell, int maxcells) {}

    public record GetCellsFreeMemoryRet(@Max(1024) List<Long> cells) {}

    public record GetSecurityModelRet(
            @Chars(257) String model, @Chars(257) String doi) {}

    // The server's processor and memory use.
    public record GetCpuStatsArgs(int cpuNum, int nparams, int flags) {}

    /** {@code remote_node_get_cpu_stats}: one named counter. */
    public record CpuStat(String field, long value) {}

    public record GetCpuStatsRet(@Max(16) List<CpuStat> params, int nparams) {}

    public record GetMemoryStatsArgs(int nparams, int cellNum, int flags) {}

    /** {@code remote_node_get_memory_stats}: one named amount, in KiB. */
    public record MemoryStat(String field, long value) {}

    public record GetMemoryStatsRet(@Max(16) List<MemoryStat> params, int nparams) {}

    public record GetCpuMapArgs(int needMap, int needOnline, int flags) {}

    /** {@code cpumap} only when asked for, a bit per logical CPU; {@code ret} is how many CPUs there are. */
    public record GetCpuMapRet(@Max(2048) byte[] cpumap, int online, int ret) {}

    // Node devices, the older calls that filter by one capability name.
    public record NumOfDevicesArgs(Optional<String> cap, int flags) {}

    public record NumOfDevicesRet(int num) {}

    public record ListDevicesArgs(Optional<String> cap, int maxnames, int flags) {}

    public record ListDevicesRet(@Max(65536) List<String> names) {}
}
