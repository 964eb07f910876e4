package org.metalvirt.shim.remote;

import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_ALL_NETWORKS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_DEFINED_NETWORKS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_LIST_NETWORKS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_DEFINED_NETWORKS;
import static org.metalvirt.shim.protocol.RemoteProcedures.CONNECT_NUM_OF_NETWORKS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_CREATE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_CREATE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_CREATE_XML_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_DEFINE_XML;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_DEFINE_XML_FLAGS;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_DESTROY;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_GET_AUTOSTART;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_GET_BRIDGE_NAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_GET_XML_DESC;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_IS_ACTIVE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_IS_PERSISTENT;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_LOOKUP_BY_NAME;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_LOOKUP_BY_UUID;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_SET_AUTOSTART;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_UNDEFINE;
import static org.metalvirt.shim.protocol.RemoteProcedures.NETWORK_UPDATE;

import java.util.List;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.network.NetworkRecord;
import org.metalvirt.shim.network.NetworkService;
import org.metalvirt.shim.protocol.Network;
import org.metalvirt.shim.protocol.NetworkFlags.ListAll;
import org.metalvirt.shim.protocol.NetworkFlags.Xml;
import org.metalvirt.shim.protocol.Types.RemoteNetwork;

/**
 * The network calls, over the card's SR-IOV pools. A handle is resolved by UUID, as libvirt's
 * network driver resolves it; the XML counts the interfaces of the domains holding a VF.
 */
final class NetworkProcedures {

    private static final int LIST_MAX = 16384;

    /** {@code virNetworkUpdateSection}'s names, as libvirt's "can't update" error spells them; 0 is none. */
    private static final List<String> SECTIONS = List.of(
            "",
            "bridge",
            "domain",
            "ip",
            "ip dhcp host",
            "ip dhcp range",
            "forward",
            "forward interface",
            "forward pf",
            "portgroup",
            "dns host",
            "dns txt",
            "dns srv");

    private final NetworkService networks;
    private final DomainService domains;

    NetworkProcedures(NetworkService networks, DomainService domains) {
        this.networks = networks;
        this.domains = domains;
    }

    void bindTo(DriverTable table) {
        table.bind(CONNECT_LIST_ALL_NETWORKS, (session, args) -> listAll(args))
                .bind(
                        CONNECT_NUM_OF_NETWORKS,
                        (session, none) -> new Network.Connect.NumOfNetworksRet(
                                names(true, LIST_MAX).size()))
                .bind(
                        CONNECT_LIST_NETWORKS,
                        (session, args) -> new Network.Connect.ListNetworksRet(names(true, args.maxnames())))
                .bind(
                        CONNECT_NUM_OF_DEFINED_NETWORKS,
                        (session, none) -> new Network.Connect.NumOfDefinedNetworksRet(
                                names(false, LIST_MAX).size()))
                .bind(
                        CONNECT_LIST_DEFINED_NETWORKS,
                        (session, args) -> new Network.Connect.ListDefinedNetworksRet(names(false, args.maxnames())))
                .bind(
                        NETWORK_LOOKUP_BY_NAME,
                        (session, args) -> new Network.LookupByNameRet(handle(networks.lookupByName(args.name()))))
                .bind(
                        NETWORK_LOOKUP_BY_UUID,
                        (session, args) -> new Network.LookupByUuidRet(handle(networks.lookup(args.uuid()))))
                .bind(
                        NETWORK_DEFINE_XML,
                        (session, args) -> new Network.DefineXmlRet(handle(networks.define(args.xml()))))
                .bind(
                        NETWORK_DEFINE_XML_FLAGS,
                        (session, args) -> new Network.DefineXmlFlagsRet(handle(networks.define(args.xml()))))
                .bind(
                        NETWORK_CREATE_XML,
                        (session, args) -> new Network.CreateXmlRet(handle(networks.createTransient(args.xml()))))
                .bind(
                        NETWORK_CREATE_XML_FLAGS,
                        (session, args) -> new Network.CreateXmlFlagsRet(handle(networks.createTransient(args.xml()))))
                .bind(NETWORK_CREATE, (session, args) -> {
                    networks.start(resolve(args.net()).uuid());
                    return null;
                })
                .bind(NETWORK_DESTROY, (session, args) -> {
                    networks.destroy(resolve(args.net()).uuid());
                    return null;
                })
                .bind(NETWORK_UNDEFINE, (session, args) -> {
                    networks.undefine(resolve(args.net()).uuid());
                    return null;
                })
                .bind(NETWORK_SET_AUTOSTART, (session, args) -> {
                    networks.setAutostart(resolve(args.net()).uuid(), args.autostart() != 0);
                    return null;
                })
                .bind(
                        NETWORK_GET_AUTOSTART,
                        (session, args) ->
                                new Network.GetAutostartRet(resolve(args.net()).autostart() ? 1 : 0))
                .bind(
                        NETWORK_IS_ACTIVE,
                        (session, args) ->
                                new Network.IsActiveRet(resolve(args.net()).active() ? 1 : 0))
                .bind(
                        NETWORK_IS_PERSISTENT,
                        (session, args) ->
                                new Network.IsPersistentRet(resolve(args.net()).persistent() ? 1 : 0))
                .bind(
                        NETWORK_GET_XML_DESC,
                        (session, args) -> new Network.GetXmlDescRet(
                                networks.xml(resolve(args.net()), Xml.INACTIVE.in(args.flags()), domains.list())))
                .bind(NETWORK_GET_BRIDGE_NAME, (session, args) -> {
                    // A VF pool has no bridge on the card; libvirt's driver says so for its own hostdev networks.
                    throw new VirtException(
                            ErrorNumber.INTERNAL_ERROR,
                            ErrorDomain.NETWORK,
                            "internal error: network '" + resolve(args.net()).name()
                                    + "' does not have a bridge name.");
                })
                .bind(NETWORK_UPDATE, (session, args) -> {
                    NetworkRecord record = resolve(args.net());
                    if (args.section() <= 0 || args.section() >= SECTIONS.size()) {
                        throw new VirtException(
                                ErrorNumber.NO_SUPPORT,
                                ErrorDomain.NETWORK,
                                "this function is not supported by the connection driver: "
                                        + "can't update unrecognized section of network");
                    }
                    // The pool is the PF's VFs and nothing else of a network acts on the card: no section changes.
                    throw new VirtException(
                            ErrorNumber.OPERATION_UNSUPPORTED,
                            ErrorDomain.NETWORK,
                            "Operation not supported: can't update '" + SECTIONS.get(args.section())
                                    + "' section of network '" + record.name() + "'");
                });
    }

    private Network.Connect.ListAllNetworksRet listAll(Network.Connect.ListAllNetworksArgs args) {
        int flags = args.flags();
        List<RemoteNetwork> matching = networks.list().stream()
                .filter(record -> DomainFilter.group(flags, ListAll.ACTIVE, ListAll.INACTIVE, record.active())
                        && DomainFilter.group(flags, ListAll.PERSISTENT, ListAll.TRANSIENT, record.persistent())
                        && DomainFilter.group(flags, ListAll.AUTOSTART, ListAll.NO_AUTOSTART, record.autostart()))
                .map(NetworkProcedures::handle)
                .toList();
        return new Network.Connect.ListAllNetworksRet(args.needResults() != 0 ? matching : List.of(), matching.size());
    }

    /** The names of the active, or the inactive, networks; at most {@code max}. */
    private List<String> names(boolean active, int max) {
        if (max > LIST_MAX) {
            throw new VirtException(ErrorNumber.RPC, ErrorDomain.RPC, "maxnames > REMOTE_NETWORK_LIST_MAX");
        }
        return networks.list().stream()
                .filter(record -> record.active() == active)
                .map(NetworkRecord::name)
                .sorted()
                .limit(Math.max(0, max))
                .toList();
    }

    private NetworkRecord resolve(RemoteNetwork handle) {
        return networks.lookup(handle.uuid());
    }

    static RemoteNetwork handle(NetworkRecord record) {
        return new RemoteNetwork(record.name(), record.uuid());
    }
}
