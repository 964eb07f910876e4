package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_BLOCK_STATS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_BLOCK_STATS_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_BLOCK_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_INTERFACE_STATS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_MEMORY_STATS;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.node.DeviceCounters;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Domain.BlockStatsFlagsArgs;
import org.metalvirt.shim.protocol.Domain.BlockStatsFlagsRet;
import org.metalvirt.shim.protocol.Domain.BlockStatsRet;
import org.metalvirt.shim.protocol.Domain.GetBlockInfoRet;
import org.metalvirt.shim.protocol.Domain.InterfaceStatsRet;
import org.metalvirt.shim.protocol.Types.LLongValue;
import org.metalvirt.shim.protocol.Types.TypedParam;

/**
 * The statistics agents poll, as far as the card can count: its backend's counters for the
 * virtio-blk devices and VFs it gives the server, libvirt's "not supported" where it cannot.
 */
final class StatsProcedures {

    /** The typed parameters of {@code virDomainBlockStatsFlags}, in libvirt's order. */
    private static final List<String> BLOCK_FIELDS =
            List.of("rd_operations", "rd_bytes", "wr_operations", "wr_bytes", "errs");

    private final DomainService domains;

    StatsProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains)
                .query(DOMAIN_BLOCK_STATS, (session, domain, args) -> {
                    DeviceCounters.Block block = domains.blockStats(domain.uuid(), args.path());
                    return new BlockStatsRet(
                            block.readRequests(),
                            block.readBytes(),
                            block.writeRequests(),
                            block.writeBytes(),
                            block.errors());
                })
                .query(DOMAIN_BLOCK_STATS_FLAGS, (session, domain, args) -> blockStatsFlags(domain, args))
                .query(DOMAIN_GET_BLOCK_INFO, (session, domain, args) -> {
                    DeviceCounters.Size size = domains.blockSize(domain.uuid(), args.path());
                    return new GetBlockInfoRet(size.allocation(), size.capacity(), size.physical());
                })
                .query(DOMAIN_INTERFACE_STATS, (session, domain, args) -> {
                    DeviceCounters.Interface nic = domains.interfaceStats(domain.uuid(), args.device());
                    return new InterfaceStatsRet(
                            nic.rxBytes(),
                            nic.rxPackets(),
                            nic.rxErrors(),
                            nic.rxDrops(),
                            nic.txBytes(),
                            nic.txPackets(),
                            nic.txErrors(),
                            nic.txDrops());
                })
                .query(DOMAIN_MEMORY_STATS, (session, domain, args) -> {
                    // No balloon and no agent: nothing on the card sees how the server uses its memory.
                    throw new VirtException(
                            ErrorNumber.NO_SUPPORT,
                            ErrorDomain.DOMAIN,
                            "this function is not supported by the connection driver: the card cannot see how a "
                                    + "bare-metal server uses its memory");
                });
    }

    /** {@code nparams == 0} asks only how many parameters there are, as libvirt's getters do. */
    private BlockStatsFlagsRet blockStatsFlags(DomainRecord domain, BlockStatsFlagsArgs args) {
        if (args.nparams() == 0) {
            return new BlockStatsFlagsRet(List.of(), BLOCK_FIELDS.size());
        }
        DeviceCounters.Block block = domains.blockStats(domain.uuid(), args.path());
        long[] values = {
            block.readRequests(), block.readBytes(), block.writeRequests(), block.writeBytes(), block.errors()
        };
        int count = Math.min(args.nparams(), BLOCK_FIELDS.size());
        List<TypedParam> params = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            params.add(new TypedParam(BLOCK_FIELDS.get(i), new LLongValue(values[i])));
        }
        return new BlockStatsFlagsRet(params, count);
    }
}
