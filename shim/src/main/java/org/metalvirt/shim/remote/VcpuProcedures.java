package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_CPU_STATS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_VCPUS;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_VCPU_PIN_INFO;

import java.util.ArrayList;
import java.util.List;
import org.metalvirt.domainxml.DomainDefinition;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Domain.GetVcpuPinInfoArgs;
import org.metalvirt.shim.protocol.Domain.GetVcpuPinInfoRet;
import org.metalvirt.shim.protocol.Domain.GetVcpusArgs;
import org.metalvirt.shim.protocol.Domain.GetVcpusRet;
import org.metalvirt.shim.protocol.Domain.VcpuInfo;

/**
 * A domain's vCPUs are its server's logical CPUs: vCPU n is CPU n, and may run on any CPU the
 * server has (nothing pins it). Their state is the server's power; their CPU time is unknown
 * to the card, which is libvirt's 0 in {@code virVcpuInfo} (virsh then prints none) and no
 * figure at all in {@code virDomainGetCPUStats}.
 */
final class VcpuProcedures {

    /** libvirt's {@code REMOTE_VCPUINFO_MAX} and {@code REMOTE_CPUMAPS_MAX}, which libvirtd checks before the driver. */
    private static final int VCPUINFO_MAX = 16384;

    private static final int CPUMAPS_MAX = 8388608;

    /** {@code VIR_VCPU_INFO_CPU_OFFLINE}: the vCPU runs on no CPU. */
    private static final int CPU_OFFLINE = -1;

    private final Host host;
    private final DomainService domains;

    VcpuProcedures(Host host, DomainService domains) {
        this.host = host;
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains)
                .query(DOMAIN_GET_VCPUS, (session, domain, args) -> vcpus(domain, args))
                .query(DOMAIN_GET_VCPU_PIN_INFO, (session, domain, args) -> pinInfo(domain, args))
                .query(DOMAIN_GET_CPU_STATS, (session, domain, args) -> {
                    // The time the server's processors spent is the server's own: the card cannot see it.
                    throw DOMAIN_GET_CPU_STATS.notServed();
                });
    }

    private GetVcpusRet vcpus(DomainRecord domain, GetVcpusArgs args) {
        checkBuffers("maxinfo", args.maxinfo(), args.maplen());
        positive("maxinfo", args.maxinfo(), DOMAIN_GET_VCPUS.api());
        if (!domain.active()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_INVALID,
                    ErrorDomain.DOMAIN,
                    "Requested operation is not valid: cannot retrieve vcpu information for inactive domain");
        }
        int count = Math.min(args.maxinfo(), domain.definition().vcpus());
        int state = DomainStatsGroups.vcpuState(domain);
        List<VcpuInfo> info = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            info.add(new VcpuInfo(n, state, 0, state == DomainStatsGroups.VCPU_RUNNING ? n : CPU_OFFLINE));
        }
        return new GetVcpusRet(info, maps(domain, args.maxinfo(), count, args.maplen()));
    }

    private GetVcpuPinInfoRet pinInfo(DomainRecord domain, GetVcpuPinInfoArgs args) {
        checkBuffers("ncpumaps", args.ncpumaps(), args.maplen());
        positive("ncpumaps", args.ncpumaps(), DOMAIN_GET_VCPU_PIN_INFO.api());
        positive("maplen", args.maplen(), DOMAIN_GET_VCPU_PIN_INFO.api());
        boolean config = Flags.readsConfig(args.flags(), domain);
        if (!config && !domain.active()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_INVALID,
                    ErrorDomain.DOMAIN,
                    "Requested operation is not valid: domain is not running");
        }
        DomainDefinition definition = config ? domain.inactiveDefinition() : domain.definition();
        int count = Math.min(args.ncpumaps(), definition.maxVcpus());
        return new GetVcpuPinInfoRet(maps(domain, args.ncpumaps(), count, args.maplen()), count);
    }

    /** libvirtd's own bounds on the buffers a client asks it to fill: an internal error, as libvirtd reports it. */
    private static void checkBuffers(String name, int count, int maplen) {
        if (count > VCPUINFO_MAX) {
            throw new VirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, name + " > REMOTE_VCPUINFO_MAX");
        }
        if ((long) count * maplen > CPUMAPS_MAX) {
            throw new VirtException(
                    ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC, "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
        }
    }

    /** What libvirt's public API checks of a count before any driver sees it. */
    private static void positive(String name, int value, String api) {
        if (value <= 0) {
            throw new VirtException(
                    ErrorNumber.INVALID_ARG,
                    ErrorDomain.DOMAIN,
                    "invalid argument: " + name + " in " + api + " must be greater than zero");
        }
    }

    /**
     * {@code slots} maps of {@code maplen} bytes, as libvirtd returns them whole; the first
     * {@code filled} have a bit for every logical CPU of the domain's server.
     */
    private byte[] maps(DomainRecord domain, int slots, int filled, int maplen) {
        if (maplen <= 0 || slots <= 0) {
            return new byte[0];
        }
        byte[] maps = new byte[slots * maplen];
        int cpus = Math.min(host.inventory(domain.node()).cpu().logicalCpus(), maplen * 8);
        for (int slot = 0; slot < filled; slot++) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                maps[slot * maplen + cpu / 8] |= (byte) (1 << (cpu % 8));
            }
        }
        return maps;
    }
}
