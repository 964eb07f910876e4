package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_BASELINE_CPU;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_BASELINE_HYPERVISOR_CPU;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_COMPARE_CPU;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_COMPARE_HYPERVISOR_CPU;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_CPU_MODEL_NAMES;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_GET_DOMAIN_CAPABILITIES;

import java.util.List;
import java.util.Optional;
import org.metalvirt.cpumodel.CpuBaseline;
import org.metalvirt.cpumodel.CpuComparison;
import org.metalvirt.cpumodel.CpuDefinition;
import org.metalvirt.cpumodel.CpuModel;
import org.metalvirt.cpumodel.CpuModels;
import org.metalvirt.cpumodel.HostCpu;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.hostxml.DomainCapsTarget;
import org.metalvirt.hostxml.DomainCapsXml;
import org.metalvirt.node.NodeInventory;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.protocol.Connect.BaselineCpuArgs;
import org.metalvirt.shim.protocol.Connect.BaselineCpuRet;
import org.metalvirt.shim.protocol.Connect.BaselineHypervisorCpuArgs;
import org.metalvirt.shim.protocol.Connect.BaselineHypervisorCpuRet;
import org.metalvirt.shim.protocol.Connect.CompareCpuArgs;
import org.metalvirt.shim.protocol.Connect.CompareCpuRet;
import org.metalvirt.shim.protocol.Connect.CompareHypervisorCpuArgs;
import org.metalvirt.shim.protocol.Connect.CompareHypervisorCpuRet;
import org.metalvirt.shim.protocol.Connect.GetCpuModelNamesArgs;
import org.metalvirt.shim.protocol.Connect.GetCpuModelNamesRet;
import org.metalvirt.shim.protocol.Connect.GetDomainCapabilitiesArgs;
import org.metalvirt.shim.protocol.Connect.GetDomainCapabilitiesRet;
import org.metalvirt.shim.protocol.LibvirtFlags.BaselineCpu;
import org.metalvirt.shim.protocol.LibvirtFlags.CompareCpu;

/**
 * What a guest could be on this server: domain capabilities and the CPU APIs, all answered from
 * the server's inventory — its firmware, its CPU model and features — and metalvirt's CPU model
 * table. The "hypervisor" of the hypervisor-CPU calls is the server's own CPU.
 */
final class CpuProcedures {

    private final Host host;

    CpuProcedures(Host host) {
        this.host = host;
    }

    void bindTo(DriverTable table) {
        table.bind(CONNECT_GET_DOMAIN_CAPABILITIES, this::domainCapabilities)
                .bind(CONNECT_GET_CPU_MODEL_NAMES, this::modelNames)
                .bind(CONNECT_COMPARE_CPU, this::compare)
                .bind(CONNECT_COMPARE_HYPERVISOR_CPU, this::compareHypervisor)
                .bind(CONNECT_BASELINE_CPU, this::baseline)
                .bind(CONNECT_BASELINE_HYPERVISOR_CPU, this::baselineHypervisor);
    }

    private GetDomainCapabilitiesRet domainCapabilities(Session session, GetDomainCapabilitiesArgs args) {
        NodeInventory node = host.inventory();
        DomainCapsTarget target = target(session, args.emulatorbin(), args.arch(), args.machine(), args.virttype());
        return new GetDomainCapabilitiesRet(DomainCapsXml.format(node, target));
    }

    /** The models of the server's CPU family that it runs; libvirt's errors for other arches. */
    private GetCpuModelNamesRet modelNames(Session session, GetCpuModelNamesArgs args) {
        NodeInventory node = host.inventory();
        if (!HypervisorLookup.knownArch(args.arch())) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.QEMU,
                    "invalid argument: cannot find architecture " + args.arch());
        }
        if (!CpuModels.table().sameFamily(args.arch(), node.arch())) {
            throw new VirtException(
                    ErrorNumber.NO_SUPPORT,
                    ErrorDomain.CPU,
                    "this function is not supported by the connection driver: '" + args.arch()
                            + "' architecture is not supported by CPU driver");
        }
        List<String> names =
                HostCpu.of(node).usableModels().stream().map(CpuModel::name).toList();
        return new GetCpuModelNamesRet(args.needResults() != 0 ? names : List.of(), names.size());
    }

    private CompareCpuRet compare(Session session, CompareCpuArgs args) {
        CpuComparison.Result result = CpuComparison.compare(
                HostCpu.of(host.inventory()), CpuDefinition.parse(args.xml()), failIncompatible(args.flags()));
        return new CompareCpuRet(result.code());
    }

    private CompareHypervisorCpuRet compareHypervisor(Session session, CompareHypervisorCpuArgs args) {
        NodeInventory node = host.inventory();
        DomainCapsTarget target = target(session, args.emulator(), args.arch(), args.machine(), args.virttype());
        requireX86(target, "comparing with the hypervisor CPU");
        CpuComparison.Result result = CpuComparison.compare(
                HostCpu.of(node), CpuDefinition.parse(args.xmlCPU()), failIncompatible(args.flags()));
        return new CompareHypervisorCpuRet(result.code());
    }

    private BaselineCpuRet baseline(Session session, BaselineCpuArgs args) {
        List<CpuDefinition> cpus =
                args.xmlCPUs().stream().map(CpuDefinition::parse).toList();
        return new BaselineCpuRet(baseline(args.flags(), false).of(cpus, Optional.empty()));
    }

    private BaselineHypervisorCpuRet baselineHypervisor(Session session, BaselineHypervisorCpuArgs args) {
        List<CpuDefinition> cpus =
                args.xmlCPUs().stream().map(CpuDefinition::parse).toList();
        DomainCapsTarget target = target(session, args.emulator(), args.arch(), args.machine(), args.virttype());
        requireX86(target, "computing baseline hypervisor CPU");
        return new BaselineHypervisorCpuRet(baseline(args.flags(), true).of(cpus, Optional.of(target.arch())));
    }

    /** The hypervisor a call names (any part may be left out), as the connection's personality resolves it. */
    private DomainCapsTarget target(
            Session session,
            Optional<String> emulator,
            Optional<String> arch,
            Optional<String> machine,
            Optional<String> virttype) {
        return HypervisorLookup.resolve(
                ConnectProcedures.personality(session), host.inventory(), emulator, arch, machine, virttype);
    }

    private static CpuBaseline baseline(int flags, boolean forHypervisor) {
        return new CpuBaseline(
                (flags & BaselineCpu.EXPAND_FEATURES.code()) != 0,
                (flags & BaselineCpu.MIGRATABLE.code()) != 0,
                forHypervisor);
    }

    private static boolean failIncompatible(int flags) {
        return (flags & CompareCpu.FAIL_INCOMPATIBLE.code()) != 0;
    }

    /** libvirt's QEMU driver compares and baselines with the hypervisor's CPU on x86 only (s390 asks QEMU). */
    private static void requireX86(DomainCapsTarget target, String what) {
        if (!CpuModels.table().sameFamily(target.arch(), "x86_64")) {
            throw new VirtException(
                    ErrorNumber.OPERATION_UNSUPPORTED,
                    ErrorDomain.QEMU,
                    "Operation not supported: " + what + " is not supported for arch " + target.arch());
        }
    }
}
