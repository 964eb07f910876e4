package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_CAPABILITIES;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_MAX_VCPUS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_SYSINFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_CELLS_FREE_MEMORY;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_FREE_MEMORY;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_INFO;
import static org.metalvirt.shim.protocol.RemoteProcedures.NODE_GET_SECURITY_MODEL;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.hostxml.CapabilitiesXml;
import org.metalvirt.hostxml.SysinfoXml;
import org.metalvirt.node.CpuTopology;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.node.NumaCell;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Connect.GetCapabilitiesRet;
import org.metalvirt.shim.protocol.Connect.GetMaxVcpusArgs;
import org.metalvirt.shim.protocol.Connect.GetMaxVcpusRet;
import org.metalvirt.shim.protocol.Connect.GetSysinfoArgs;
import org.metalvirt.shim.protocol.Connect.GetSysinfoRet;
import org.metalvirt.shim.protocol.Node.GetCellsFreeMemoryArgs;
import org.metalvirt.shim.protocol.Node.GetCellsFreeMemoryRet;
import org.metalvirt.shim.protocol.Node.GetFreeMemoryRet;
import org.metalvirt.shim.protocol.Node.GetInfoRet;
import org.metalvirt.shim.protocol.Node.GetSecurityModelRet;

/**
 * The host as the client sees it: the bare-metal server's processors, memory, NUMA cells and
 * identity, never the card the daemon runs on.
 */
final class NodeProcedures {

    private static final long KIB = 1024;

    private final Host host;
    private final DomainService domains;

    NodeProcedures(Host host, DomainService domains) {
        this.host = host;
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        table.bind(NODE_GET_INFO, (session, none) -> info())
                .bind(CONNECT_GET_CAPABILITIES, (session, none) -> capabilities(session))
                .bind(CONNECT_GET_SYSINFO, this::sysinfo)
                .bind(CONNECT_GET_MAX_VCPUS, this::maxVcpus)
                .bind(
                        NODE_GET_FREE_MEMORY,
                        (session, none) ->
                                new GetFreeMemoryRet(free(host.inventory().memoryKiB())))
                .bind(NODE_GET_CELLS_FREE_MEMORY, this::cellsFreeMemory)
                // No security driver confines a bare-metal server: an empty model, as libvirtd
                // reports with security_driver = "none", so virsh dominfo skips the label.
                .bind(NODE_GET_SECURITY_MODEL, (session, none) -> new GetSecurityModelRet("", ""));
    }

    private GetInfoRet info() {
        NodeInventory node = host.inventory();
        CpuTopology cpu = node.cpu();
        return new GetInfoRet(
                node.arch(),
                node.memoryKiB(),
                cpu.logicalCpus(),
                cpu.mhz(),
                node.cells().size(),
                cpu.sockets() / node.cells().size(),
                cpu.coresPerSocket(),
                cpu.threadsPerCore());
    }

    private GetCapabilitiesRet capabilities(Session session) {
        NodeInventory node = host.inventory();
        Personality personality = ConnectProcedures.personality(session);
        return new GetCapabilitiesRet(CapabilitiesXml.format(node, personality.guestSupport(node.arch())));
    }

    private GetSysinfoRet sysinfo(Session session, GetSysinfoArgs args) {
        return new GetSysinfoRet(SysinfoXml.format(host.inventory()));
    }

    /** One server runs one domain, which may use every logical CPU it has. */
    private GetMaxVcpusRet maxVcpus(Session session, GetMaxVcpusArgs args) {
        return new GetMaxVcpusRet(host.inventory().cpu().logicalCpus());
    }

    private GetCellsFreeMemoryRet cellsFreeMemory(Session session, GetCellsFreeMemoryArgs args) {
        List<NumaCell> cells = host.inventory().cells();
        if (args.startCell() < 0 || args.startCell() >= cells.size()) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.NONE,
                    "start cell " + args.startCell() + " out of range (0-" + (cells.size() - 1) + ")");
        }
        if (args.maxcells() <= 0) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG, ErrorDomain.NONE, "maxcells must be positive, got " + args.maxcells());
        }
        int end = (int) Math.min(cells.size(), (long) args.startCell() + args.maxcells());
        return new GetCellsFreeMemoryRet(cells.subList(args.startCell(), end).stream()
                .map(cell -> free(cell.memoryKiB()))
                .toList());
    }

    /** A running domain has all of its server's memory; an idle server has all of it free. */
    private long free(long memoryKiB) {
        return domains.nodeInUse(host.nodes().get(0).name()) ? 0 : memoryKiB * KIB;
    }
}
