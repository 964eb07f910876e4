package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_HOSTNAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_INTERFACE_ADDRESSES;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.Failures;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Session;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.protocol.Domain.GetHostnameArgs;
import org.metalvirt.shim.protocol.Domain.GetHostnameRet;
import org.metalvirt.shim.protocol.Domain.InterfaceAddressesArgs;
import org.metalvirt.shim.protocol.Domain.InterfaceAddressesRet;
import org.metalvirt.shim.protocol.LibvirtFlags.GetHostname;

/**
 * What the guest calls itself and which addresses it has, by the sources libvirt names. A
 * bare-metal server runs no guest agent the daemon can reach, and its interfaces are VFs on no
 * libvirt network, so no DHCP lease of the daemon's names it: the agent is "not configured", as
 * QEMU says of a guest without one, leases give no address and no host name, and the card reads
 * no ARP table for the server.
 */
final class GuestProcedures {

    /** {@code virDomainInterfaceAddressesSource}. */
    private static final int SOURCE_LEASE = 0;

    private static final int SOURCE_AGENT = 1;

    private static final int SOURCE_ARP = 2;

    private final DomainService domains;

    GuestProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains)
                .query(DOMAIN_GET_HOSTNAME, (session, domain, args) -> hostname(domain, args))
                .query(DOMAIN_INTERFACE_ADDRESSES, GuestProcedures::addresses);
    }

    private static GetHostnameRet hostname(DomainRecord domain, GetHostnameArgs args) {
        Flags.exclusive(args.flags(), GetHostname.LEASE, GetHostname.AGENT);
        requireActive(domain);
        if (!GetHostname.LEASE.in(args.flags())) {
            throw noAgent();
        }
        throw new VirtException(
                ErrorNumber.NO_HOSTNAME,
                ErrorDomain.DOMAIN,
                "no hostname found: no hostname found for domain " + domain.name());
    }

    private static InterfaceAddressesRet addresses(Session session, DomainRecord domain, InterfaceAddressesArgs args) {
        // libvirt's public API lets a read-only connection ask every source but the agent.
        if (args.source() == SOURCE_AGENT && session.readOnly()) {
            throw new VirtException(
                    ErrorNumber.OPERATION_DENIED,
                    ErrorDomain.DOMAIN,
                    "operation forbidden: read only access prevents " + DOMAIN_INTERFACE_ADDRESSES.api());
        }
        requireActive(domain);
        return switch (args.source()) {
            case SOURCE_LEASE -> new InterfaceAddressesRet(List.of());
            case SOURCE_AGENT -> throw noAgent();
            case SOURCE_ARP -> throw VirtException.noSupport(DOMAIN_INTERFACE_ADDRESSES.api());
            default ->
                throw new VirtException(
                        ErrorNumber.ARGUMENT_UNSUPPORTED,
                        ErrorDomain.DOMAIN,
                        "argument unsupported: Unknown IP address data source " + args.source());
        };
    }

    private static void requireActive(DomainRecord domain) {
        if (!domain.active()) {
            throw Failures.invalid(ErrorDomain.DOMAIN, "domain is not running");
        }
    }

    private static VirtException noAgent() {
        return new VirtException(
                ErrorNumber.ARGUMENT_UNSUPPORTED,
                ErrorDomain.DOMAIN,
                "argument unsupported: QEMU guest agent is not configured: no agent channel reaches a bare-metal "
                        + "server");
    }
}
