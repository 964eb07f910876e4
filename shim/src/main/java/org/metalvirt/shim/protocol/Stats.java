package org.metalvirt.shim.protocol;

import java.util.List;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.xdr.Max;

/** Args and ret records of the statistics agents poll, fields in XDR order. */
public final class Stats {

    private Stats() {
    }

    public record BlockStatsArgs(RemoteDomain dom, String path) {
    }

    public record BlockStatsRet(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs) {
    }

    public record BlockStatsFlagsArgs(RemoteDomain dom, String path, int nparams, int flags) {
    }

    public record BlockStatsFlagsRet(@Max(16) List<TypedParam> params, int nparams) {
    }

    public record InterfaceStatsArgs(RemoteDomain dom, String device) {
    }

    public record InterfaceStatsRet(long rxBytes, long rxPackets, long rxErrs, long rxDrop, long txBytes,
                                    long txPackets, long txErrs, long txDrop) {
    }

    public record GetBlockInfoArgs(RemoteDomain dom, String path, int flags) {
    }

    public record GetBlockInfoRet(long allocation, long capacity, long physical) {
    }

    public record MemoryStatsArgs(RemoteDomain dom, int maxStats, int flags) {
    }

    public record MemoryStat(int tag, long val) {
    }

    public record MemoryStatsRet(@Max(1024) List<MemoryStat> stats) {
    }
}
