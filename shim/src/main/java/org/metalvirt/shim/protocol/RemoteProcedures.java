package org.metalvirt.shim.protocol;

import static org.metalvirt.shim.protocol.Flag.BEFORE_OPEN;
import static org.metalvirt.shim.protocol.Flag.CLOSE_AFTER_REPLY;
import static org.metalvirt.shim.protocol.Flag.WRITE;
import static org.metalvirt.shim.protocol.Priority.HIGH;
import static org.metalvirt.shim.protocol.Priority.LOW;

import org.metalvirt.shim.protocol.Connect.AuthListRet;
import org.metalvirt.shim.protocol.Connect.GetCapabilitiesRet;
import org.metalvirt.shim.protocol.Connect.GetHostnameRet;
import org.metalvirt.shim.protocol.Connect.GetLibVersionRet;
import org.metalvirt.shim.protocol.Connect.GetMaxVcpusArgs;
import org.metalvirt.shim.protocol.Connect.GetMaxVcpusRet;
import org.metalvirt.shim.protocol.Connect.GetSysinfoArgs;
import org.metalvirt.shim.protocol.Connect.GetSysinfoRet;
import org.metalvirt.shim.protocol.Connect.GetTypeRet;
import org.metalvirt.shim.protocol.Connect.GetUriRet;
import org.metalvirt.shim.protocol.Connect.GetVersionRet;
import org.metalvirt.shim.protocol.Connect.IsSecureRet;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsArgs;
import org.metalvirt.shim.protocol.Connect.ListAllDomainsRet;
import org.metalvirt.shim.protocol.Connect.OpenArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureArgs;
import org.metalvirt.shim.protocol.Connect.SupportsFeatureRet;
import org.metalvirt.shim.protocol.Domain.CreateXmlArgs;
import org.metalvirt.shim.protocol.Domain.DefineXmlArgs;
import org.metalvirt.shim.protocol.Domain.DetachAliasArgs;
import org.metalvirt.shim.protocol.Domain.DeviceArgs;
import org.metalvirt.shim.protocol.Domain.DeviceFlagsArgs;
import org.metalvirt.shim.protocol.Domain.DefineXmlFlagsArgs;
import org.metalvirt.shim.protocol.Domain.DomArgs;
import org.metalvirt.shim.protocol.Domain.DomFlagsArgs;
import org.metalvirt.shim.protocol.Domain.DomRet;
import org.metalvirt.shim.protocol.Domain.GetControlInfoRet;
import org.metalvirt.shim.protocol.Domain.GetMaxMemoryRet;
import org.metalvirt.shim.protocol.Domain.GetMessagesRet;
import org.metalvirt.shim.protocol.Domain.GetMetadataArgs;
import org.metalvirt.shim.protocol.Domain.GetMetadataRet;
import org.metalvirt.shim.protocol.Domain.GetOsTypeRet;
import org.metalvirt.shim.protocol.Domain.GetStateRet;
import org.metalvirt.shim.protocol.Domain.GetXmlDescRet;
import org.metalvirt.shim.protocol.Domain.IntRet;
import org.metalvirt.shim.protocol.Domain.ListDefinedDomainsArgs;
import org.metalvirt.shim.protocol.Domain.ListDefinedDomainsRet;
import org.metalvirt.shim.protocol.Domain.ListDomainsArgs;
import org.metalvirt.shim.protocol.Domain.ListDomainsRet;
import org.metalvirt.shim.protocol.Domain.LookupByIdArgs;
import org.metalvirt.shim.protocol.Domain.LookupByNameArgs;
import org.metalvirt.shim.protocol.Domain.LookupByUuidArgs;
import org.metalvirt.shim.protocol.Domain.SetAutostartArgs;
import org.metalvirt.shim.protocol.Domain.SetMetadataArgs;
import org.metalvirt.shim.protocol.Event.CallbackDeregisterAnyArgs;
import org.metalvirt.shim.protocol.Event.CallbackRegisterAnyArgs;
import org.metalvirt.shim.protocol.Event.CallbackRegisterAnyRet;
import org.metalvirt.shim.protocol.Event.LegacyRegisterAnyArgs;
import org.metalvirt.shim.protocol.Event.LegacyRegisterRet;
import org.metalvirt.shim.protocol.Node.GetCellsFreeMemoryArgs;
import org.metalvirt.shim.protocol.Stats.BlockStatsArgs;
import org.metalvirt.shim.protocol.Stats.BlockStatsFlagsArgs;
import org.metalvirt.shim.protocol.Stats.BlockStatsFlagsRet;
import org.metalvirt.shim.protocol.Stats.BlockStatsRet;
import org.metalvirt.shim.protocol.Stats.GetBlockInfoArgs;
import org.metalvirt.shim.protocol.Stats.GetBlockInfoRet;
import org.metalvirt.shim.protocol.Stats.InterfaceStatsArgs;
import org.metalvirt.shim.protocol.Stats.InterfaceStatsRet;
import org.metalvirt.shim.protocol.Stats.MemoryStatsArgs;
import org.metalvirt.shim.protocol.Stats.MemoryStatsRet;
import org.metalvirt.shim.protocol.Node.GetCellsFreeMemoryRet;
import org.metalvirt.shim.protocol.Node.GetFreeMemoryRet;
import org.metalvirt.shim.protocol.Node.GetInfoRet;
import org.metalvirt.shim.protocol.Node.GetSecurityModelRet;

/**
 * The procedures of libvirt's REMOTE program that metalvirt serves, one line each: number,
 * name, args, ret, priority and flags, as {@code remote_protocol.x} declares them. A number not
 * declared here is answered with "unknown procedure", which clients turn into "not supported".
 */
public final class RemoteProcedures {

    private RemoteProcedures() {
    }

    public static final Procedure<OpenArgs, Void> CONNECT_OPEN =
            new Procedure<>(1, "CONNECT_OPEN", OpenArgs.class, Void.class, HIGH, BEFORE_OPEN);
    public static final Procedure<Void, Void> CONNECT_CLOSE =
            new Procedure<>(2, "CONNECT_CLOSE", Void.class, Void.class, HIGH, BEFORE_OPEN, CLOSE_AFTER_REPLY);
    public static final Procedure<Void, GetTypeRet> CONNECT_GET_TYPE =
            new Procedure<>(3, "CONNECT_GET_TYPE", Void.class, GetTypeRet.class, HIGH);
    public static final Procedure<Void, GetVersionRet> CONNECT_GET_VERSION =
            new Procedure<>(4, "CONNECT_GET_VERSION", Void.class, GetVersionRet.class, HIGH);
    public static final Procedure<GetMaxVcpusArgs, GetMaxVcpusRet> CONNECT_GET_MAX_VCPUS =
            new Procedure<>(5, "CONNECT_GET_MAX_VCPUS", GetMaxVcpusArgs.class, GetMaxVcpusRet.class, HIGH);
    public static final Procedure<Void, GetInfoRet> NODE_GET_INFO =
            new Procedure<>(6, "NODE_GET_INFO", Void.class, GetInfoRet.class, HIGH);
    public static final Procedure<Void, GetCapabilitiesRet> CONNECT_GET_CAPABILITIES =
            new Procedure<>(7, "CONNECT_GET_CAPABILITIES", Void.class, GetCapabilitiesRet.class, LOW);
    public static final Procedure<Void, GetHostnameRet> CONNECT_GET_HOSTNAME =
            new Procedure<>(59, "CONNECT_GET_HOSTNAME", Void.class, GetHostnameRet.class, HIGH);
    public static final Procedure<SupportsFeatureArgs, SupportsFeatureRet> CONNECT_SUPPORTS_FEATURE =
            new Procedure<>(60, "CONNECT_SUPPORTS_FEATURE", SupportsFeatureArgs.class, SupportsFeatureRet.class,
                    HIGH, BEFORE_OPEN);
    public static final Procedure<Void, AuthListRet> AUTH_LIST =
            new Procedure<>(66, "AUTH_LIST", Void.class, AuthListRet.class, HIGH, BEFORE_OPEN);
    public static final Procedure<GetCellsFreeMemoryArgs, GetCellsFreeMemoryRet> NODE_GET_CELLS_FREE_MEMORY =
            new Procedure<>(101, "NODE_GET_CELLS_FREE_MEMORY", GetCellsFreeMemoryArgs.class,
                    GetCellsFreeMemoryRet.class, HIGH);
    public static final Procedure<Void, GetFreeMemoryRet> NODE_GET_FREE_MEMORY =
            new Procedure<>(102, "NODE_GET_FREE_MEMORY", Void.class, GetFreeMemoryRet.class, HIGH);
    public static final Procedure<Void, GetUriRet> CONNECT_GET_URI =
            new Procedure<>(110, "CONNECT_GET_URI", Void.class, GetUriRet.class, HIGH);
    public static final Procedure<Void, GetSecurityModelRet> NODE_GET_SECURITY_MODEL =
            new Procedure<>(122, "NODE_GET_SECURITY_MODEL", Void.class, GetSecurityModelRet.class, HIGH);
    public static final Procedure<Void, IsSecureRet> CONNECT_IS_SECURE =
            new Procedure<>(149, "CONNECT_IS_SECURE", Void.class, IsSecureRet.class, HIGH);
    public static final Procedure<Void, GetLibVersionRet> CONNECT_GET_LIB_VERSION =
            new Procedure<>(157, "CONNECT_GET_LIB_VERSION", Void.class, GetLibVersionRet.class, HIGH);
    public static final Procedure<GetSysinfoArgs, GetSysinfoRet> CONNECT_GET_SYSINFO =
            new Procedure<>(203, "CONNECT_GET_SYSINFO", GetSysinfoArgs.class, GetSysinfoRet.class, HIGH);
    public static final Procedure<ListAllDomainsArgs, ListAllDomainsRet> CONNECT_LIST_ALL_DOMAINS =
            new Procedure<>(273, "CONNECT_LIST_ALL_DOMAINS", ListAllDomainsArgs.class, ListAllDomainsRet.class, HIGH);
    public static final Procedure<Void, Void> CONNECT_REGISTER_CLOSE_CALLBACK =
            new Procedure<>(360, "CONNECT_REGISTER_CLOSE_CALLBACK", Void.class, Void.class, HIGH);
    public static final Procedure<Void, Void> CONNECT_UNREGISTER_CLOSE_CALLBACK =
            new Procedure<>(361, "CONNECT_UNREGISTER_CLOSE_CALLBACK", Void.class, Void.class, HIGH);

    public static final Procedure<DomArgs, Void> DOMAIN_CREATE =
            new Procedure<>(9, "DOMAIN_CREATE", DomArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<CreateXmlArgs, DomRet> DOMAIN_CREATE_XML =
            new Procedure<>(10, "DOMAIN_CREATE_XML", CreateXmlArgs.class, DomRet.class, LOW, WRITE);
    public static final Procedure<DefineXmlArgs, DomRet> DOMAIN_DEFINE_XML =
            new Procedure<>(11, "DOMAIN_DEFINE_XML", DefineXmlArgs.class, DomRet.class, HIGH, WRITE);
    public static final Procedure<DomArgs, Void> DOMAIN_DESTROY =
            new Procedure<>(12, "DOMAIN_DESTROY", DomArgs.class, Void.class, HIGH, WRITE);
    public static final Procedure<DomFlagsArgs, GetXmlDescRet> DOMAIN_GET_XML_DESC =
            new Procedure<>(14, "DOMAIN_GET_XML_DESC", DomFlagsArgs.class, GetXmlDescRet.class, LOW);
    public static final Procedure<DomArgs, IntRet> DOMAIN_GET_AUTOSTART =
            new Procedure<>(15, "DOMAIN_GET_AUTOSTART", DomArgs.class, IntRet.class, HIGH);
    public static final Procedure<DomArgs, Domain.GetInfoRet> DOMAIN_GET_INFO =
            new Procedure<>(16, "DOMAIN_GET_INFO", DomArgs.class, Domain.GetInfoRet.class, LOW);
    public static final Procedure<DomArgs, GetMaxMemoryRet> DOMAIN_GET_MAX_MEMORY =
            new Procedure<>(17, "DOMAIN_GET_MAX_MEMORY", DomArgs.class, GetMaxMemoryRet.class, HIGH);
    public static final Procedure<DomArgs, IntRet> DOMAIN_GET_MAX_VCPUS =
            new Procedure<>(18, "DOMAIN_GET_MAX_VCPUS", DomArgs.class, IntRet.class, HIGH);
    public static final Procedure<DomArgs, GetOsTypeRet> DOMAIN_GET_OS_TYPE =
            new Procedure<>(19, "DOMAIN_GET_OS_TYPE", DomArgs.class, GetOsTypeRet.class, HIGH);
    public static final Procedure<ListDefinedDomainsArgs, ListDefinedDomainsRet> CONNECT_LIST_DEFINED_DOMAINS =
            new Procedure<>(21, "CONNECT_LIST_DEFINED_DOMAINS", ListDefinedDomainsArgs.class,
                    ListDefinedDomainsRet.class, HIGH);
    public static final Procedure<LookupByIdArgs, DomRet> DOMAIN_LOOKUP_BY_ID =
            new Procedure<>(22, "DOMAIN_LOOKUP_BY_ID", LookupByIdArgs.class, DomRet.class, HIGH);
    public static final Procedure<LookupByNameArgs, DomRet> DOMAIN_LOOKUP_BY_NAME =
            new Procedure<>(23, "DOMAIN_LOOKUP_BY_NAME", LookupByNameArgs.class, DomRet.class, HIGH);
    public static final Procedure<LookupByUuidArgs, DomRet> DOMAIN_LOOKUP_BY_UUID =
            new Procedure<>(24, "DOMAIN_LOOKUP_BY_UUID", LookupByUuidArgs.class, DomRet.class, HIGH);
    public static final Procedure<Void, IntRet> CONNECT_NUM_OF_DEFINED_DOMAINS =
            new Procedure<>(25, "CONNECT_NUM_OF_DEFINED_DOMAINS", Void.class, IntRet.class, HIGH);
    public static final Procedure<DomFlagsArgs, Void> DOMAIN_REBOOT =
            new Procedure<>(27, "DOMAIN_REBOOT", DomFlagsArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DomArgs, Void> DOMAIN_RESUME =
            new Procedure<>(28, "DOMAIN_RESUME", DomArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<SetAutostartArgs, Void> DOMAIN_SET_AUTOSTART =
            new Procedure<>(29, "DOMAIN_SET_AUTOSTART", SetAutostartArgs.class, Void.class, HIGH, WRITE);
    public static final Procedure<DomArgs, Void> DOMAIN_SHUTDOWN =
            new Procedure<>(33, "DOMAIN_SHUTDOWN", DomArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DomArgs, Void> DOMAIN_SUSPEND =
            new Procedure<>(34, "DOMAIN_SUSPEND", DomArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DomArgs, Void> DOMAIN_UNDEFINE =
            new Procedure<>(35, "DOMAIN_UNDEFINE", DomArgs.class, Void.class, HIGH, WRITE);
    public static final Procedure<ListDomainsArgs, ListDomainsRet> CONNECT_LIST_DOMAINS =
            new Procedure<>(37, "CONNECT_LIST_DOMAINS", ListDomainsArgs.class, ListDomainsRet.class, HIGH);
    public static final Procedure<Void, IntRet> CONNECT_NUM_OF_DOMAINS =
            new Procedure<>(51, "CONNECT_NUM_OF_DOMAINS", Void.class, IntRet.class, HIGH);
    public static final Procedure<DomArgs, IntRet> DOMAIN_IS_ACTIVE =
            new Procedure<>(150, "DOMAIN_IS_ACTIVE", DomArgs.class, IntRet.class, HIGH);
    public static final Procedure<DomArgs, IntRet> DOMAIN_IS_PERSISTENT =
            new Procedure<>(151, "DOMAIN_IS_PERSISTENT", DomArgs.class, IntRet.class, HIGH);
    public static final Procedure<DomFlagsArgs, IntRet> DOMAIN_HAS_MANAGED_SAVE_IMAGE =
            new Procedure<>(183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE", DomFlagsArgs.class, IntRet.class, LOW);
    public static final Procedure<DomFlagsArgs, IntRet> DOMAIN_SNAPSHOT_NUM =
            new Procedure<>(187, "DOMAIN_SNAPSHOT_NUM", DomFlagsArgs.class, IntRet.class, HIGH);
    public static final Procedure<DomFlagsArgs, DomRet> DOMAIN_CREATE_WITH_FLAGS =
            new Procedure<>(196, "DOMAIN_CREATE_WITH_FLAGS", DomFlagsArgs.class, DomRet.class, LOW, WRITE);
    public static final Procedure<DomFlagsArgs, IntRet> DOMAIN_GET_VCPUS_FLAGS =
            new Procedure<>(200, "DOMAIN_GET_VCPUS_FLAGS", DomFlagsArgs.class, IntRet.class, LOW);
    public static final Procedure<DomArgs, IntRet> DOMAIN_IS_UPDATED =
            new Procedure<>(202, "DOMAIN_IS_UPDATED", DomArgs.class, IntRet.class, HIGH);
    public static final Procedure<DomFlagsArgs, GetStateRet> DOMAIN_GET_STATE =
            new Procedure<>(212, "DOMAIN_GET_STATE", DomFlagsArgs.class, GetStateRet.class, HIGH);
    public static final Procedure<DomFlagsArgs, GetControlInfoRet> DOMAIN_GET_CONTROL_INFO =
            new Procedure<>(229, "DOMAIN_GET_CONTROL_INFO", DomFlagsArgs.class, GetControlInfoRet.class, HIGH);
    public static final Procedure<DomFlagsArgs, Void> DOMAIN_UNDEFINE_FLAGS =
            new Procedure<>(231, "DOMAIN_UNDEFINE_FLAGS", DomFlagsArgs.class, Void.class, HIGH, WRITE);
    public static final Procedure<DomFlagsArgs, Void> DOMAIN_DESTROY_FLAGS =
            new Procedure<>(234, "DOMAIN_DESTROY_FLAGS", DomFlagsArgs.class, Void.class, HIGH, WRITE);
    public static final Procedure<DomFlagsArgs, Void> DOMAIN_RESET =
            new Procedure<>(245, "DOMAIN_RESET", DomFlagsArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DomFlagsArgs, Void> DOMAIN_SHUTDOWN_FLAGS =
            new Procedure<>(258, "DOMAIN_SHUTDOWN_FLAGS", DomFlagsArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<SetMetadataArgs, Void> DOMAIN_SET_METADATA =
            new Procedure<>(264, "DOMAIN_SET_METADATA", SetMetadataArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<GetMetadataArgs, GetMetadataRet> DOMAIN_GET_METADATA =
            new Procedure<>(265, "DOMAIN_GET_METADATA", GetMetadataArgs.class, GetMetadataRet.class, LOW);
    public static final Procedure<DefineXmlFlagsArgs, DomRet> DOMAIN_DEFINE_XML_FLAGS =
            new Procedure<>(350, "DOMAIN_DEFINE_XML_FLAGS", DefineXmlFlagsArgs.class, DomRet.class, HIGH, WRITE);
    public static final Procedure<DomFlagsArgs, GetMessagesRet> DOMAIN_GET_MESSAGES =
            new Procedure<>(426, "DOMAIN_GET_MESSAGES", DomFlagsArgs.class, GetMessagesRet.class, LOW);

    // Event registration: callback style (316, 317), and the legacy path older clients take.
    public static final Procedure<Void, LegacyRegisterRet> CONNECT_DOMAIN_EVENT_REGISTER =
            new Procedure<>(105, "CONNECT_DOMAIN_EVENT_REGISTER", Void.class, LegacyRegisterRet.class, HIGH);
    public static final Procedure<Void, LegacyRegisterRet> CONNECT_DOMAIN_EVENT_DEREGISTER =
            new Procedure<>(106, "CONNECT_DOMAIN_EVENT_DEREGISTER", Void.class, LegacyRegisterRet.class, HIGH);
    public static final Procedure<LegacyRegisterAnyArgs, Void> CONNECT_DOMAIN_EVENT_REGISTER_ANY =
            new Procedure<>(167, "CONNECT_DOMAIN_EVENT_REGISTER_ANY", LegacyRegisterAnyArgs.class, Void.class, HIGH);
    public static final Procedure<LegacyRegisterAnyArgs, Void> CONNECT_DOMAIN_EVENT_DEREGISTER_ANY =
            new Procedure<>(168, "CONNECT_DOMAIN_EVENT_DEREGISTER_ANY", LegacyRegisterAnyArgs.class, Void.class, HIGH);
    public static final Procedure<CallbackRegisterAnyArgs, CallbackRegisterAnyRet>
            CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY = new Procedure<>(316,
                    "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", CallbackRegisterAnyArgs.class,
                    CallbackRegisterAnyRet.class, HIGH);
    public static final Procedure<CallbackDeregisterAnyArgs, Void> CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY =
            new Procedure<>(317, "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", CallbackDeregisterAnyArgs.class,
                    Void.class, HIGH);

    // Statistics agents poll.
    public static final Procedure<BlockStatsArgs, BlockStatsRet> DOMAIN_BLOCK_STATS =
            new Procedure<>(64, "DOMAIN_BLOCK_STATS", BlockStatsArgs.class, BlockStatsRet.class, LOW);
    public static final Procedure<InterfaceStatsArgs, InterfaceStatsRet> DOMAIN_INTERFACE_STATS =
            new Procedure<>(65, "DOMAIN_INTERFACE_STATS", InterfaceStatsArgs.class, InterfaceStatsRet.class, HIGH);
    public static final Procedure<MemoryStatsArgs, MemoryStatsRet> DOMAIN_MEMORY_STATS =
            new Procedure<>(159, "DOMAIN_MEMORY_STATS", MemoryStatsArgs.class, MemoryStatsRet.class, LOW);
    public static final Procedure<GetBlockInfoArgs, GetBlockInfoRet> DOMAIN_GET_BLOCK_INFO =
            new Procedure<>(194, "DOMAIN_GET_BLOCK_INFO", GetBlockInfoArgs.class, GetBlockInfoRet.class, LOW);
    public static final Procedure<BlockStatsFlagsArgs, BlockStatsFlagsRet> DOMAIN_BLOCK_STATS_FLAGS =
            new Procedure<>(243, "DOMAIN_BLOCK_STATS_FLAGS", BlockStatsFlagsArgs.class, BlockStatsFlagsRet.class, LOW);

    // Devices.
    public static final Procedure<DeviceArgs, Void> DOMAIN_ATTACH_DEVICE =
            new Procedure<>(8, "DOMAIN_ATTACH_DEVICE", DeviceArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DeviceArgs, Void> DOMAIN_DETACH_DEVICE =
            new Procedure<>(13, "DOMAIN_DETACH_DEVICE", DeviceArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DeviceFlagsArgs, Void> DOMAIN_ATTACH_DEVICE_FLAGS =
            new Procedure<>(160, "DOMAIN_ATTACH_DEVICE_FLAGS", DeviceFlagsArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DeviceFlagsArgs, Void> DOMAIN_DETACH_DEVICE_FLAGS =
            new Procedure<>(161, "DOMAIN_DETACH_DEVICE_FLAGS", DeviceFlagsArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DeviceFlagsArgs, Void> DOMAIN_UPDATE_DEVICE_FLAGS =
            new Procedure<>(174, "DOMAIN_UPDATE_DEVICE_FLAGS", DeviceFlagsArgs.class, Void.class, LOW, WRITE);
    public static final Procedure<DetachAliasArgs, Void> DOMAIN_DETACH_DEVICE_ALIAS =
            new Procedure<>(392, "DOMAIN_DETACH_DEVICE_ALIAS", DetachAliasArgs.class, Void.class, LOW, WRITE);
}
