package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_CPU_MAP;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_CPU_STATS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_MEMORY_STATS;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.HostStatistics;
import org.metalvirt.node.HostStatistics.CpuTimes;
import org.metalvirt.node.HostStatistics.CpuUtilization;
import org.metalvirt.node.HostStatistics.MemoryUse;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.protocol.Node.CpuStat;
import org.metalvirt.shim.protocol.Node.GetCpuMapArgs;
import org.metalvirt.shim.protocol.Node.GetCpuMapRet;
import org.metalvirt.shim.protocol.Node.GetCpuStatsArgs;
import org.metalvirt.shim.protocol.Node.GetCpuStatsRet;
import org.metalvirt.shim.protocol.Node.GetMemoryStatsArgs;
import org.metalvirt.shim.protocol.Node.GetMemoryStatsRet;
import org.metalvirt.shim.protocol.Node.MemoryStat;
import org.metalvirt.shim.protocol.Procedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's CPU map ({@code virNodeGetCPUMap}, which clients size vCPU maps by), and
 * {@code virNodeGetCPUStats} and {@code virNodeGetMemoryStats} of the server, from its node's
 * {@link HostStatistics} where a source measures it: times as Linux gives them, or the one
 * {@code utilization} figure of a source that samples. Where none does, libvirt's "not
 * supported" for the API, never zeros.
 */
final class HostStatsProcedures {

    private static final Logger LOG = LoggerFactory.getLogger(HostStatsProcedures.class);

    /** libvirt's {@code REMOTE_NODE_CPU_STATS_MAX} and {@code REMOTE_NODE_MEMORY_STATS_MAX}. */
    private static final int STATS_MAX = 16;

    /** {@code VIR_NODE_CPU_STATS_ALL_CPUS} and {@code VIR_NODE_MEMORY_STATS_ALL_CELLS}. */
    private static final int ALL = -1;

    private final Host host;

    HostStatsProcedures(Host host) {
        this.host = host;
    }

    void bindTo(DriverTable table) {
        table.bind(NODE_GET_CPU_MAP, (session, args) -> cpuMap(args))
                .bind(NODE_GET_CPU_STATS, (session, args) -> cpu(args))
                .bind(NODE_GET_MEMORY_STATS, (session, args) -> memory(args));
    }

    /** Every logical CPU of the server is there and online: the daemon never takes one away. */
    private GetCpuMapRet cpuMap(GetCpuMapArgs args) {
        int cpus = host.inventory().cpu().logicalCpus();
        byte[] map = new byte[0];
        if (args.needMap() != 0) {
            map = new byte[(cpus + 7) / 8];
            for (int cpu = 0; cpu < cpus; cpu++) {
                map[cpu / 8] |= (byte) (1 << (cpu % 8));
            }
        }
        return new GetCpuMapRet(map, args.needOnline() != 0 ? cpus : 0, cpus);
    }

    private GetCpuStatsRet cpu(GetCpuStatsArgs args) {
        checkCount(args.nparams());
        NodeInventory inventory = host.inventory();
        OptionalInt cpu = which("cpuNum", args.cpuNum(), inventory.cpu().logicalCpus(), NODE_GET_CPU_STATS.api());
        HostStatistics.CpuUse use =
                measured(NODE_GET_CPU_STATS, () -> statistics().cpu(cpu));
        List<CpuStat> stats = use instanceof CpuTimes times
                ? List.of(
                        new CpuStat("kernel", times.kernelNanos()),
                        new CpuStat("user", times.userNanos()),
                        new CpuStat("idle", times.idleNanos()),
                        new CpuStat("iowait", times.iowaitNanos()))
                : List.of(new CpuStat("utilization", ((CpuUtilization) use).percent()));
        if (args.nparams() == 0) {
            return new GetCpuStatsRet(List.of(), stats.size());
        }
        checkExact(args.nparams(), stats.size(), NODE_GET_CPU_STATS.api());
        return new GetCpuStatsRet(stats, stats.size());
    }

    /** Total and free: what a source can tell of a server's memory use; Linux's buffers and cache it cannot. */
    private GetMemoryStatsRet memory(GetMemoryStatsArgs args) {
        checkCount(args.nparams());
        OptionalInt cell =
                which("cellNum", args.cellNum(), host.inventory().cells().size(), NODE_GET_MEMORY_STATS.api());
        MemoryUse use = measured(NODE_GET_MEMORY_STATS, () -> statistics().memory(cell));
        List<MemoryStat> stats =
                List.of(new MemoryStat("total", use.totalKiB()), new MemoryStat("free", use.freeKiB()));
        if (args.nparams() == 0) {
            return new GetMemoryStatsRet(List.of(), stats.size());
        }
        checkExact(args.nparams(), stats.size(), NODE_GET_MEMORY_STATS.api());
        return new GetMemoryStatsRet(stats, stats.size());
    }

    /** Host-level calls describe the first node, the server a SmartNIC sits in. */
    private HostStatistics statistics() {
        return host.nodes().get(0).hostStatistics();
    }

    /** A source that cannot measure says so as the API it was asked for, as a driver lacking it does. */
    private static <T> T measured(Procedure<?, ?> procedure, Supplier<T> read) {
        try {
            return read.get();
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw e;
            }
            LOG.debug("{}: {}", procedure.api(), e.getMessage());
            throw procedure.notServed();
        }
    }

    private static void checkCount(int nparams) {
        if (nparams > STATS_MAX) {
            throw new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "nparams too large");
        }
        if (nparams < 0) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG, ErrorDomain.NONE, "invalid argument: nparams must be >= 0");
        }
    }

    /** All, or one the server has: libvirt's {@code INVALID_ARG} for any other. */
    private static OptionalInt which(String name, int value, int count, String api) {
        if (value == ALL) {
            return OptionalInt.empty();
        }
        if (value < 0 || value >= count) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.NONE,
                    "invalid argument: Invalid " + name + " " + value + " in " + api + ": the server has 0-"
                            + (count - 1));
        }
        return OptionalInt.of(value);
    }

    private static void checkExact(int nparams, int count, String api) {
        if (nparams != count) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.NONE,
                    "invalid argument: nparams in " + api + " must be equal to " + count);
        }
    }
}
