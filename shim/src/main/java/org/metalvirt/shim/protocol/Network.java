package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.protocol.Types.RemoteNetwork;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of the network structs, fields in XDR order: {@code remote_network_*}, each named after
 * its struct ({@code Network.LookupByNameArgs} is {@code remote_network_lookup_by_name_args}), and
 * in {@link Connect} the network calls of {@code remote_connect_*}.
 */
public final class Network {

    private Network() {}

    public record LookupByUuidArgs(UUID uuid) {}

    public record LookupByUuidRet(RemoteNetwork net) {}

    public record LookupByNameArgs(String name) {}

    public record LookupByNameRet(RemoteNetwork net) {}

    public record CreateXmlArgs(String xml) {}

    public record CreateXmlRet(RemoteNetwork net) {}

    public record CreateXmlFlagsArgs(String xml, int flags) {}

    public record CreateXmlFlagsRet(RemoteNetwork net) {}

    public record DefineXmlArgs(String xml) {}

    public record DefineXmlRet(RemoteNetwork net) {}

    public record DefineXmlFlagsArgs(String xml, int flags) {}

    public record DefineXmlFlagsRet(RemoteNetwork net) {}

    public record UndefineArgs(RemoteNetwork net) {}

    public record UpdateArgs(RemoteNetwork net, int command, int section, int parentIndex, String xml, int flags) {}

    public record CreateArgs(RemoteNetwork net) {}

    public record DestroyArgs(RemoteNetwork net) {}

    public record GetXmlDescArgs(RemoteNetwork net, int flags) {}

    public record GetXmlDescRet(String xml) {}

    public record GetBridgeNameArgs(RemoteNetwork net) {}

    public record GetBridgeNameRet(String name) {}

    public record GetAutostartArgs(RemoteNetwork net) {}

    public record GetAutostartRet(int autostart) {}

    public record SetAutostartArgs(RemoteNetwork net, int autostart) {}

    public record IsActiveArgs(RemoteNetwork net) {}

    public record IsActiveRet(int active) {}

    public record IsPersistentArgs(RemoteNetwork net) {}

    public record IsPersistentRet(int persistent) {}

    public record EventLifecycleMsg(int callbackID, RemoteNetwork net, int event, int detail) {}

    /** The network calls of {@code remote_connect_*}: {@code Network.Connect.ListAllNetworksArgs} is
     * {@code remote_connect_list_all_networks_args}. */
    public static final class Connect {

        private Connect() {}

        public record NumOfNetworksRet(int num) {}

        public record ListNetworksArgs(int maxnames) {}

        public record ListNetworksRet(@Max(16384) List<String> names) {}

        public record NumOfDefinedNetworksRet(int num) {}

        public record ListDefinedNetworksArgs(int maxnames) {}

        public record ListDefinedNetworksRet(@Max(16384) List<String> names) {}

        public record ListAllNetworksArgs(int needResults, int flags) {}

        public record ListAllNetworksRet(@Max(16384) List<RemoteNetwork> nets, int ret) {}

        public record NetworkEventRegisterAnyArgs(int eventID, Optional<RemoteNetwork> net) {}

        public record NetworkEventRegisterAnyRet(int callbackID) {}

        public record NetworkEventDeregisterAnyArgs(int callbackID) {}
    }
}
