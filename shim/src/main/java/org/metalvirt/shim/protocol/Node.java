package org.metalvirt.shim.protocol;

import java.util.List;
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

    public record GetCpuMapArgs(int needMap, int needOnline, int flags) {}

    /** The bitmap of online CPUs (bit n of byte n / 8), their count, and the number of CPUs. */
    public record GetCpuMapRet(@Max(2048) byte[] cpumap, int online, int ret) {}

    public record GetSecurityModelRet(
            @Chars(257) String model, @Chars(257) String doi) {}
}
