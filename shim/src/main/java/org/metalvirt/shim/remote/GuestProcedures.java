package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_GET_HOSTNAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.DOMAIN_INTERFACE_ADDRESSES;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.domainxml.Device;
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
import org.metalvirt.shim.protocol.Domain.Interface;
import org.metalvirt.shim.protocol.Domain.InterfaceAddressesArgs;
import org.metalvirt.shim.protocol.Domain.InterfaceAddressesRet;
import org.metalvirt.shim.protocol.Domain.IpAddr;
import org.metalvirt.shim.protocol.LibvirtFlags.GetHostname;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the guest calls itself and which addresses it has, by the sources libvirt names. A
 * bare-metal server runs no guest agent the daemon can reach, and its interfaces are VFs on no
 * libvirt network, so no DHCP lease of the daemon's names it: the agent is "not configured", as
 * QEMU says of a guest without one, and leases give no address and no host name. What the card
 * has seen of the server is its ARP source: the card's neighbour table, matched by the VFs' MACs.
 */
final class GuestProcedures {

    private static final Logger LOG = LoggerFactory.getLogger(GuestProcedures.class);

    /** {@code virDomainInterfaceAddressesSource}. */
    private static final int SOURCE_LEASE = 0;

    private static final int SOURCE_AGENT = 1;

    private static final int SOURCE_ARP = 2;

    /** {@code VIR_IP_ADDR_TYPE_IPV4}. */
    private static final int IPV4 = 0;

    private final DomainService domains;

    GuestProcedures(DomainService domains) {
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        new DomainBinder(table, domains)
                .query(DOMAIN_GET_HOSTNAME, (session, domain, args) -> hostname(domain, args))
                .query(DOMAIN_INTERFACE_ADDRESSES, this::addresses);
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

    private InterfaceAddressesRet addresses(Session session, DomainRecord domain, InterfaceAddressesArgs args) {
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
            case SOURCE_ARP -> arp(domain);
            default ->
                throw new VirtException(
                        ErrorNumber.ARGUMENT_UNSUPPORTED,
                        ErrorDomain.DOMAIN,
                        "argument unsupported: Unknown IP address data source " + args.source());
        };
    }

    /**
     * As libvirt's ARP source: an interface entry for each address the card's neighbour table holds
     * for an interface's MAC, IPv4 with no prefix; "not supported" where the card reads no table.
     */
    InterfaceAddressesRet arp(DomainRecord domain) {
        List<Interface> found = new ArrayList<>();
        for (Device.Interface nic : DomainStatsGroups.devices(domain.definition(), Device.Interface.class)) {
            if (nic.mac().isEmpty()) {
                continue;
            }
            String mac = nic.mac().get();
            // Named as in domstats, the name domifstat takes.
            String name = DomainStatsGroups.interfaceName(nic).orElseThrow();
            for (String address : neighbours(domain, mac)) {
                found.add(new Interface(name, Optional.of(mac), List.of(new IpAddr(IPV4, address, 0))));
            }
        }
        return new InterfaceAddressesRet(found);
    }

    private List<String> neighbours(DomainRecord domain, String mac) {
        try {
            return domains.neighbours(domain.uuid(), mac);
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw e;
            }
            LOG.debug("{} from ARP: {}", DOMAIN_INTERFACE_ADDRESSES.api(), e.getMessage());
            throw DOMAIN_INTERFACE_ADDRESSES.notServed();
        }
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
