package org.metalvirt.shim.protocol;

import static org.metalvirt.shim.protocol.Check.BEFORE_AUTH;
import static org.metalvirt.shim.protocol.Check.CLOSE_AFTER_REPLY;
import static org.metalvirt.shim.protocol.FlagMask.NONE;
import static org.metalvirt.shim.protocol.FlagMask.UNCHECKED;
import static org.metalvirt.shim.protocol.FlagMask.all;
import static org.metalvirt.shim.protocol.Priority.HIGH;
import static org.metalvirt.shim.protocol.Priority.LOW;
import static org.metalvirt.shim.protocol.Procedure.early;
import static org.metalvirt.shim.protocol.Procedure.event;
import static org.metalvirt.shim.protocol.Procedure.ro;
import static org.metalvirt.shim.protocol.Procedure.rw;
import static org.metalvirt.shim.protocol.Procedure.secure;

import org.metalvirt.shim.protocol.LibvirtFlags.BaselineCpu;
import org.metalvirt.shim.protocol.LibvirtFlags.CompareCpu;
import org.metalvirt.shim.protocol.LibvirtFlags.Create;
import org.metalvirt.shim.protocol.LibvirtFlags.Define;
import org.metalvirt.shim.protocol.LibvirtFlags.Destroy;
import org.metalvirt.shim.protocol.LibvirtFlags.DeviceModify;
import org.metalvirt.shim.protocol.LibvirtFlags.GetAllStats;
import org.metalvirt.shim.protocol.LibvirtFlags.GetHostname;
import org.metalvirt.shim.protocol.LibvirtFlags.Impact;
import org.metalvirt.shim.protocol.LibvirtFlags.JobStats;
import org.metalvirt.shim.protocol.LibvirtFlags.ListNodeDevices;
import org.metalvirt.shim.protocol.LibvirtFlags.OpenChannel;
import org.metalvirt.shim.protocol.LibvirtFlags.OpenConsole;
import org.metalvirt.shim.protocol.LibvirtFlags.Reboot;
import org.metalvirt.shim.protocol.LibvirtFlags.Shutdown;
import org.metalvirt.shim.protocol.LibvirtFlags.TypedParam;
import org.metalvirt.shim.protocol.LibvirtFlags.Undefine;
import org.metalvirt.shim.protocol.LibvirtFlags.Vcpu;
import org.metalvirt.shim.protocol.LibvirtFlags.Xml;
import org.metalvirt.shim.protocol.StorageFlags.ListAllPools;
import org.metalvirt.shim.protocol.StorageFlags.PoolBuild;
import org.metalvirt.shim.protocol.StorageFlags.PoolCreate;
import org.metalvirt.shim.protocol.StorageFlags.Single;
import org.metalvirt.shim.protocol.StorageFlags.VolCreate;

/**
 * The procedures of libvirt's REMOTE program that metalvirt serves or sends, one line each, as
 * {@code remote_protocol.x} declares them: the constant's name is the procedure's name; then
 * {@code ro} (reads) or {@code rw} (needs a read-write connection), or {@code early} (served
 * before open) or {@code event} (a MESSAGE); the number; the priority; and the flags it accepts,
 * which the dispatcher checks. The args and ret records, each named after its libvirt struct, are
 * the type's parameters: {@link ProcedureTable} reads them from the declaration, so a line is the
 * single source of a procedure.
 *
 * <p>Every procedure of libvirt 9.0's program is here. One metalvirt does not serve is declared
 * without records ({@code ro(n)} or {@code rw(n)}, as libvirt's public API refuses it on a
 * read-only connection or not) and answered as libvirtd answers a call its driver lacks: "this
 * function is not supported by the connection driver". A number not declared here, or an
 * event's, is an "unknown procedure", as it is to libvirtd.
 */
public interface RemoteProcedures {

    /** START_AUTODESTROY is not offered: a server outlives the connection that started it. */
    FlagMask START = FlagMask.of(
            Create.START_PAUSED,
            Create.START_BYPASS_CACHE,
            Create.START_FORCE_BOOT,
            Create.START_VALIDATE,
            Create.START_RESET_NVRAM);

    FlagMask DEVICE = all(Impact.class).and(DeviceModify.class);

    // The table stays aligned, a column per field: the formatter leaves it alone.
    // spotless:off
    // Connection: authentication, open and close, identity.
    Procedure<Connect.OpenArgs, Void>                                  CONNECT_OPEN                      = early(  1, UNCHECKED);
    Procedure<Void, Void>                                              CONNECT_CLOSE                     = early(  2, NONE, CLOSE_AFTER_REPLY);
    Procedure<Void, Connect.GetTypeRet>                                CONNECT_GET_TYPE                  = ro(  3, HIGH);
    Procedure<Void, Connect.GetVersionRet>                             CONNECT_GET_VERSION               = ro(  4, HIGH);
    Procedure<Connect.GetMaxVcpusArgs, Connect.GetMaxVcpusRet>         CONNECT_GET_MAX_VCPUS             = ro(  5, HIGH);
    Procedure<Void, Node.GetInfoRet>                                   NODE_GET_INFO                     = ro(  6, HIGH);
    Procedure<Void, Connect.GetCapabilitiesRet>                        CONNECT_GET_CAPABILITIES          = ro(  7, LOW);
    Procedure<Void, Connect.GetHostnameRet>                            CONNECT_GET_HOSTNAME              = ro( 59, HIGH);
    Procedure<Connect.SupportsFeatureArgs, Connect.SupportsFeatureRet> CONNECT_SUPPORTS_FEATURE          = early( 60, NONE);
    Procedure<Void, Auth.ListRet>                                      AUTH_LIST                         = early( 66, NONE, BEFORE_AUTH);
    Procedure<Node.GetCellsFreeMemoryArgs, Node.GetCellsFreeMemoryRet> NODE_GET_CELLS_FREE_MEMORY        = ro(101, HIGH);
    Procedure<Void, Node.GetFreeMemoryRet>                             NODE_GET_FREE_MEMORY              = ro(102, HIGH);
    Procedure<Void, Connect.GetUriRet>                                 CONNECT_GET_URI                   = ro(110, HIGH);
    Procedure<Void, Node.GetSecurityModelRet>                          NODE_GET_SECURITY_MODEL           = ro(122, HIGH);
    Procedure<Void, Connect.IsSecureRet>                               CONNECT_IS_SECURE                 = ro(149, HIGH);
    Procedure<Void, Connect.GetLibVersionRet>                          CONNECT_GET_LIB_VERSION           = ro(157, HIGH);
    Procedure<Connect.GetSysinfoArgs, Connect.GetSysinfoRet>           CONNECT_GET_SYSINFO               = ro(203, HIGH);
    Procedure<Node.GetCpuMapArgs, Node.GetCpuMapRet>                   NODE_GET_CPU_MAP                  = ro(293, HIGH);
    Procedure<Void, Void>                                              CONNECT_REGISTER_CLOSE_CALLBACK   = ro(360, HIGH);
    Procedure<Void, Void>                                              CONNECT_UNREGISTER_CLOSE_CALLBACK = ro(361, HIGH);

    // The host: domain capabilities and the CPU APIs (rw where libvirt refuses them read-only).
    Procedure<Connect.CompareCpuArgs, Connect.CompareCpuRet>                       CONNECT_COMPARE_CPU                = ro(158, LOW,  all(CompareCpu.class));
    Procedure<Connect.BaselineCpuArgs, Connect.BaselineCpuRet>                     CONNECT_BASELINE_CPU               = ro(162, LOW,  all(BaselineCpu.class));
    Procedure<Connect.GetCpuModelNamesArgs, Connect.GetCpuModelNamesRet>           CONNECT_GET_CPU_MODEL_NAMES        = ro(312, LOW);
    Procedure<Connect.GetDomainCapabilitiesArgs, Connect.GetDomainCapabilitiesRet> CONNECT_GET_DOMAIN_CAPABILITIES    = rw(342, LOW);
    Procedure<Connect.CompareHypervisorCpuArgs, Connect.CompareHypervisorCpuRet>   CONNECT_COMPARE_HYPERVISOR_CPU     = rw(393, LOW,  all(CompareCpu.class));
    Procedure<Connect.BaselineHypervisorCpuArgs, Connect.BaselineHypervisorCpuRet> CONNECT_BASELINE_HYPERVISOR_CPU    = rw(394, LOW,  all(BaselineCpu.class));

    // Listing, lookup and definition.
    Procedure<Domain.DefineXmlArgs, Domain.DefineXmlRet>                     DOMAIN_DEFINE_XML              = rw( 11, HIGH);
    Procedure<Connect.ListDefinedDomainsArgs, Connect.ListDefinedDomainsRet> CONNECT_LIST_DEFINED_DOMAINS   = ro( 21, HIGH);
    Procedure<Domain.LookupByIdArgs, Domain.LookupByIdRet>                   DOMAIN_LOOKUP_BY_ID            = ro( 22, HIGH);
    Procedure<Domain.LookupByNameArgs, Domain.LookupByNameRet>               DOMAIN_LOOKUP_BY_NAME          = ro( 23, HIGH);
    Procedure<Domain.LookupByUuidArgs, Domain.LookupByUuidRet>               DOMAIN_LOOKUP_BY_UUID          = ro( 24, HIGH);
    Procedure<Void, Connect.NumOfDefinedDomainsRet>                          CONNECT_NUM_OF_DEFINED_DOMAINS = ro( 25, HIGH);
    Procedure<Domain.UndefineArgs, Void>                                     DOMAIN_UNDEFINE                = rw( 35, HIGH);
    Procedure<Connect.ListDomainsArgs, Connect.ListDomainsRet>               CONNECT_LIST_DOMAINS           = ro( 37, HIGH);
    Procedure<Void, Connect.NumOfDomainsRet>                                 CONNECT_NUM_OF_DOMAINS         = ro( 51, HIGH);
    Procedure<Domain.UndefineFlagsArgs, Void>                                DOMAIN_UNDEFINE_FLAGS          = rw(231, HIGH, all(Undefine.class));
    Procedure<Connect.ListAllDomainsArgs, Connect.ListAllDomainsRet>         CONNECT_LIST_ALL_DOMAINS       = ro(273, HIGH, UNCHECKED);
    Procedure<Domain.DefineXmlFlagsArgs, Domain.DefineXmlFlagsRet>           DOMAIN_DEFINE_XML_FLAGS        = rw(350, HIGH, all(Define.class));

    // Lifecycle.
    Procedure<Domain.CreateArgs, Void>                               DOMAIN_CREATE            = rw(  9, LOW);
    Procedure<Domain.CreateXmlArgs, Domain.CreateXmlRet>             DOMAIN_CREATE_XML        = rw( 10, LOW,  START);
    Procedure<Domain.DestroyArgs, Void>                              DOMAIN_DESTROY           = rw( 12, HIGH);
    Procedure<Domain.RebootArgs, Void>                               DOMAIN_REBOOT            = rw( 27, LOW,  all(Reboot.class));
    Procedure<Domain.ResumeArgs, Void>                               DOMAIN_RESUME            = rw( 28, LOW);
    Procedure<Domain.SetAutostartArgs, Void>                         DOMAIN_SET_AUTOSTART     = rw( 29, HIGH);
    Procedure<Domain.ShutdownArgs, Void>                             DOMAIN_SHUTDOWN          = rw( 33, LOW);
    Procedure<Domain.SuspendArgs, Void>                              DOMAIN_SUSPEND           = rw( 34, LOW);
    Procedure<Domain.CreateWithFlagsArgs, Domain.CreateWithFlagsRet> DOMAIN_CREATE_WITH_FLAGS = rw(196, LOW,  START);
    Procedure<Domain.InjectNmiArgs, Void>                            DOMAIN_INJECT_NMI        = rw(210, LOW);
    Procedure<Domain.DestroyFlagsArgs, Void>                         DOMAIN_DESTROY_FLAGS     = rw(234, HIGH, all(Destroy.class));
    Procedure<Domain.ResetArgs, Void>                                DOMAIN_RESET             = rw(245, LOW);
    Procedure<Domain.ShutdownFlagsArgs, Void>                        DOMAIN_SHUTDOWN_FLAGS    = rw(258, LOW,  all(Shutdown.class));

    // What agents read back.
    Procedure<Domain.GetXmlDescArgs, Domain.GetXmlDescRet>                   DOMAIN_GET_XML_DESC           = ro( 14, LOW,  all(Xml.class), secure(Xml.SECURE, Xml.MIGRATABLE));
    Procedure<Domain.GetAutostartArgs, Domain.GetAutostartRet>               DOMAIN_GET_AUTOSTART          = ro( 15, HIGH);
    Procedure<Domain.GetInfoArgs, Domain.GetInfoRet>                         DOMAIN_GET_INFO               = ro( 16, LOW);
    Procedure<Domain.GetMaxMemoryArgs, Domain.GetMaxMemoryRet>               DOMAIN_GET_MAX_MEMORY         = ro( 17, HIGH);
    Procedure<Domain.GetMaxVcpusArgs, Domain.GetMaxVcpusRet>                 DOMAIN_GET_MAX_VCPUS          = ro( 18, HIGH);
    Procedure<Domain.GetOsTypeArgs, Domain.GetOsTypeRet>                     DOMAIN_GET_OS_TYPE            = ro( 19, HIGH);
    Procedure<Domain.IsActiveArgs, Domain.IsActiveRet>                       DOMAIN_IS_ACTIVE              = ro(150, HIGH);
    Procedure<Domain.IsPersistentArgs, Domain.IsPersistentRet>               DOMAIN_IS_PERSISTENT          = ro(151, HIGH);
    Procedure<Domain.HasManagedSaveImageArgs, Domain.HasManagedSaveImageRet> DOMAIN_HAS_MANAGED_SAVE_IMAGE = ro(183, LOW,  UNCHECKED);
    Procedure<Domain.SnapshotNumArgs, Domain.SnapshotNumRet>                 DOMAIN_SNAPSHOT_NUM           = ro(187, HIGH, UNCHECKED);
    Procedure<Domain.GetVcpusFlagsArgs, Domain.GetVcpusFlagsRet>             DOMAIN_GET_VCPUS_FLAGS        = ro(200, LOW,  all(Impact.class).and(Vcpu.MAXIMUM, Vcpu.GUEST));
    Procedure<Domain.IsUpdatedArgs, Domain.IsUpdatedRet>                     DOMAIN_IS_UPDATED             = ro(202, HIGH);
    Procedure<Domain.GetStateArgs, Domain.GetStateRet>                       DOMAIN_GET_STATE              = ro(212, HIGH);
    Procedure<Domain.GetControlInfoArgs, Domain.GetControlInfoRet>           DOMAIN_GET_CONTROL_INFO       = ro(229, HIGH);
    Procedure<Domain.SetMetadataArgs, Void>                                  DOMAIN_SET_METADATA           = rw(264, LOW,  all(Impact.class));
    Procedure<Domain.GetMetadataArgs, Domain.GetMetadataRet>                 DOMAIN_GET_METADATA           = ro(265, LOW,  UNCHECKED);
    Procedure<Domain.GetMessagesArgs, Domain.GetMessagesRet>                 DOMAIN_GET_MESSAGES           = ro(426, LOW,  UNCHECKED);

    // Statistics agents poll.
    Procedure<Domain.BlockStatsArgs, Domain.BlockStatsRet>           DOMAIN_BLOCK_STATS       = ro( 64, LOW);
    Procedure<Domain.InterfaceStatsArgs, Domain.InterfaceStatsRet>   DOMAIN_INTERFACE_STATS   = ro( 65, HIGH);
    Procedure<Domain.MemoryStatsArgs, Domain.MemoryStatsRet>         DOMAIN_MEMORY_STATS      = ro(159, LOW,  UNCHECKED);
    Procedure<Domain.GetBlockInfoArgs, Domain.GetBlockInfoRet>       DOMAIN_GET_BLOCK_INFO    = ro(194, LOW);
    Procedure<Domain.BlockStatsFlagsArgs, Domain.BlockStatsFlagsRet> DOMAIN_BLOCK_STATS_FLAGS = ro(243, LOW,  all(TypedParam.class));

    // Statistics and status a server can honestly give: domstats, vCPUs and CPU map, jobs, CPU and memory use, guest addresses.
    Procedure<Domain.GetVcpusArgs, Domain.GetVcpusRet>                     DOMAIN_GET_VCPUS             = ro( 20, HIGH);
    Procedure<Domain.GetJobInfoArgs, Domain.GetJobInfoRet>                 DOMAIN_GET_JOB_INFO          = ro(163, LOW);
    Procedure<Node.GetCpuStatsArgs, Node.GetCpuStatsRet>                   NODE_GET_CPU_STATS           = ro(227, HIGH);
    Procedure<Node.GetMemoryStatsArgs, Node.GetMemoryStatsRet>             NODE_GET_MEMORY_STATS        = ro(228, HIGH);
    Procedure<Domain.GetVcpuPinInfoArgs, Domain.GetVcpuPinInfoRet>         DOMAIN_GET_VCPU_PIN_INFO     = ro(230, LOW,  all(Impact.class));
    Procedure<Domain.GetCpuStatsArgs, Domain.GetCpuStatsRet>               DOMAIN_GET_CPU_STATS         = ro(262, LOW,  all(TypedParam.class));
    Procedure<Domain.GetHostnameArgs, Domain.GetHostnameRet>               DOMAIN_GET_HOSTNAME          = rw(277, LOW,  all(GetHostname.class));
    Procedure<Domain.GetJobStatsArgs, Domain.GetJobStatsRet>               DOMAIN_GET_JOB_STATS         = ro(298, LOW,  all(JobStats.class));
    Procedure<Connect.GetAllDomainStatsArgs, Connect.GetAllDomainStatsRet> CONNECT_GET_ALL_DOMAIN_STATS = ro(344, LOW,  all(GetAllStats.class));
    Procedure<Domain.InterfaceAddressesArgs, Domain.InterfaceAddressesRet> DOMAIN_INTERFACE_ADDRESSES   = ro(353, LOW);

    // Devices. The flagless calls are live-only, as libvirt's virDomainAttachDevice and DetachDevice are.
    Procedure<Domain.AttachDeviceArgs, Void>      DOMAIN_ATTACH_DEVICE       = rw(  8, LOW);
    Procedure<Domain.DetachDeviceArgs, Void>      DOMAIN_DETACH_DEVICE       = rw( 13, LOW);
    Procedure<Domain.AttachDeviceFlagsArgs, Void> DOMAIN_ATTACH_DEVICE_FLAGS = rw(160, LOW,  DEVICE);
    Procedure<Domain.DetachDeviceFlagsArgs, Void> DOMAIN_DETACH_DEVICE_FLAGS = rw(161, LOW,  DEVICE);
    Procedure<Domain.UpdateDeviceFlagsArgs, Void> DOMAIN_UPDATE_DEVICE_FLAGS = rw(174, LOW,  DEVICE);
    Procedure<Domain.DetachDeviceAliasArgs, Void> DOMAIN_DETACH_DEVICE_ALIAS = rw(392, LOW,  DEVICE);

    // Event registration: callback style (316, 317), and the legacy path older clients take.
    Procedure<Void, Event.RegisterRet>                                     CONNECT_DOMAIN_EVENT_REGISTER                = ro(105, HIGH);
    Procedure<Void, Event.DeregisterRet>                                   CONNECT_DOMAIN_EVENT_DEREGISTER              = ro(106, HIGH);
    Procedure<Event.RegisterAnyArgs, Void>                                 CONNECT_DOMAIN_EVENT_REGISTER_ANY            = ro(167, HIGH);
    Procedure<Event.DeregisterAnyArgs, Void>                               CONNECT_DOMAIN_EVENT_DEREGISTER_ANY          = ro(168, HIGH);
    Procedure<Event.CallbackRegisterAnyArgs, Event.CallbackRegisterAnyRet> CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY   = ro(316, HIGH);
    Procedure<Event.CallbackDeregisterAnyArgs, Void>                       CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY = ro(317, HIGH);

    // Events: MESSAGEs the daemon sends; the legacy ones carry no callback id.
    Procedure<Event.LifecycleMsg, Void>                   DOMAIN_EVENT_LIFECYCLE                      = event(107);
    Procedure<Event.DeviceRemovedMsg, Void>               DOMAIN_EVENT_DEVICE_REMOVED                 = event(311);
    Procedure<Event.CallbackLifecycleMsg, Void>           DOMAIN_EVENT_CALLBACK_LIFECYCLE             = event(318);
    Procedure<Event.CallbackRebootMsg, Void>              DOMAIN_EVENT_CALLBACK_REBOOT                = event(319);
    Procedure<Event.CallbackDeviceRemovedMsg, Void>       DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED        = event(333);
    Procedure<Event.CallbackDeviceAddedMsg, Void>         DOMAIN_EVENT_CALLBACK_DEVICE_ADDED          = event(354);
    Procedure<Event.CallbackDeviceRemovalFailedMsg, Void> DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED = event(367);

    // Networks: the card's SR-IOV pools (forward mode hostdev or passthrough from a <pf>), and their lifecycle events.
    Procedure<Network.Connect.ListDefinedNetworksArgs, Network.Connect.ListDefinedNetworksRet>         CONNECT_LIST_DEFINED_NETWORKS        = ro( 36, HIGH);
    Procedure<Network.Connect.ListNetworksArgs, Network.Connect.ListNetworksRet>                       CONNECT_LIST_NETWORKS                = ro( 38, HIGH);
    Procedure<Network.CreateArgs, Void>                                                                NETWORK_CREATE                       = rw( 39, LOW);
    Procedure<Network.CreateXmlArgs, Network.CreateXmlRet>                                             NETWORK_CREATE_XML                   = rw( 40, LOW);
    Procedure<Network.DefineXmlArgs, Network.DefineXmlRet>                                             NETWORK_DEFINE_XML                   = rw( 41, LOW);
    Procedure<Network.DestroyArgs, Void>                                                               NETWORK_DESTROY                      = rw( 42, LOW);
    Procedure<Network.GetXmlDescArgs, Network.GetXmlDescRet>                                           NETWORK_GET_XML_DESC                 = ro( 43, HIGH, all(NetworkFlags.Xml.class));
    Procedure<Network.GetAutostartArgs, Network.GetAutostartRet>                                       NETWORK_GET_AUTOSTART                = ro( 44, HIGH);
    Procedure<Network.GetBridgeNameArgs, Network.GetBridgeNameRet>                                     NETWORK_GET_BRIDGE_NAME              = ro( 45, HIGH);
    Procedure<Network.LookupByNameArgs, Network.LookupByNameRet>                                       NETWORK_LOOKUP_BY_NAME               = ro( 46, HIGH);
    Procedure<Network.LookupByUuidArgs, Network.LookupByUuidRet>                                       NETWORK_LOOKUP_BY_UUID               = ro( 47, HIGH);
    Procedure<Network.SetAutostartArgs, Void>                                                          NETWORK_SET_AUTOSTART                = rw( 48, HIGH);
    Procedure<Network.UndefineArgs, Void>                                                              NETWORK_UNDEFINE                     = rw( 49, LOW);
    Procedure<Void, Network.Connect.NumOfDefinedNetworksRet>                                           CONNECT_NUM_OF_DEFINED_NETWORKS      = ro( 50, HIGH);
    Procedure<Void, Network.Connect.NumOfNetworksRet>                                                  CONNECT_NUM_OF_NETWORKS              = ro( 52, HIGH);
    Procedure<Network.IsActiveArgs, Network.IsActiveRet>                                               NETWORK_IS_ACTIVE                    = ro(152, HIGH);
    Procedure<Network.IsPersistentArgs, Network.IsPersistentRet>                                       NETWORK_IS_PERSISTENT                = ro(153, HIGH);
    Procedure<Network.Connect.ListAllNetworksArgs, Network.Connect.ListAllNetworksRet>                 CONNECT_LIST_ALL_NETWORKS            = ro(283, HIGH, all(NetworkFlags.ListAll.class));
    Procedure<Network.UpdateArgs, Void>                                                                NETWORK_UPDATE                       = rw(291, LOW,  all(NetworkFlags.Update.class));
    Procedure<Network.Connect.NetworkEventRegisterAnyArgs, Network.Connect.NetworkEventRegisterAnyRet> CONNECT_NETWORK_EVENT_REGISTER_ANY   = ro(313, HIGH);
    Procedure<Network.Connect.NetworkEventDeregisterAnyArgs, Void>                                     CONNECT_NETWORK_EVENT_DEREGISTER_ANY = ro(314, HIGH);
    Procedure<Network.EventLifecycleMsg, Void>                                                         NETWORK_EVENT_LIFECYCLE              = event(315);
    Procedure<Network.DefineXmlFlagsArgs, Network.DefineXmlFlagsRet>                                   NETWORK_DEFINE_XML_FLAGS             = rw(432, LOW,  all(NetworkFlags.Validate.class));
    Procedure<Network.CreateXmlFlagsArgs, Network.CreateXmlFlagsRet>                                   NETWORK_CREATE_XML_FLAGS             = rw(437, LOW,  all(NetworkFlags.Validate.class));

    // Node devices: the server's PCI functions on the card (each NIC's PF and VFs, the virtio-blk functions) and the PFs' netdevs.
    Procedure<Node.NumOfDevicesArgs, Node.NumOfDevicesRet>                                   NODE_NUM_OF_DEVICES                      = ro(111, HIGH);
    Procedure<Node.ListDevicesArgs, Node.ListDevicesRet>                                     NODE_LIST_DEVICES                        = ro(112, HIGH);
    Procedure<NodeDevice.LookupByNameArgs, NodeDevice.LookupByNameRet>                       NODE_DEVICE_LOOKUP_BY_NAME               = ro(113, HIGH);
    Procedure<NodeDevice.GetXmlDescArgs, NodeDevice.GetXmlDescRet>                           NODE_DEVICE_GET_XML_DESC                 = ro(114, HIGH);
    Procedure<NodeDevice.GetParentArgs, NodeDevice.GetParentRet>                             NODE_DEVICE_GET_PARENT                   = ro(115, HIGH);
    Procedure<NodeDevice.NumOfCapsArgs, NodeDevice.NumOfCapsRet>                             NODE_DEVICE_NUM_OF_CAPS                  = ro(116, HIGH);
    Procedure<NodeDevice.ListCapsArgs, NodeDevice.ListCapsRet>                               NODE_DEVICE_LIST_CAPS                    = ro(117, HIGH);
    Procedure<NodeDevice.DettachArgs, Void>                                                  NODE_DEVICE_DETTACH                      = rw(118, LOW);
    Procedure<NodeDevice.ReAttachArgs, Void>                                                 NODE_DEVICE_RE_ATTACH                    = rw(119, LOW);
    Procedure<NodeDevice.ResetArgs, Void>                                                    NODE_DEVICE_RESET                        = rw(120, LOW);
    Procedure<Connect.ListAllNodeDevicesArgs, Connect.ListAllNodeDevicesRet>                 CONNECT_LIST_ALL_NODE_DEVICES            = ro(285, HIGH, all(ListNodeDevices.class));
    Procedure<NodeDevice.LookupScsiHostByWwnArgs, NodeDevice.LookupScsiHostByWwnRet>         NODE_DEVICE_LOOKUP_SCSI_HOST_BY_WWN      = ro(297, HIGH);
    Procedure<NodeDevice.DetachFlagsArgs, Void>                                              NODE_DEVICE_DETACH_FLAGS                 = rw(301, LOW);
    Procedure<NodeDevice.IsPersistentArgs, NodeDevice.IsPersistentRet>                       NODE_DEVICE_IS_PERSISTENT                = ro(435, HIGH);
    Procedure<NodeDevice.IsActiveArgs, NodeDevice.IsActiveRet>                               NODE_DEVICE_IS_ACTIVE                    = ro(436, HIGH);

    // Node-device events: devices that appear, go or change underneath (a PF's VFs enabled or disabled), as libvirt's udev driver reports them.
    Procedure<Connect.NodeDeviceEventRegisterAnyArgs, Connect.NodeDeviceEventRegisterAnyRet> CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY   = ro(374, HIGH);
    Procedure<Connect.NodeDeviceEventDeregisterAnyArgs, Void>                                CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY = ro(375, HIGH);
    Procedure<NodeDevice.EventLifecycleMsg, Void>                                            NODE_DEVICE_EVENT_LIFECYCLE              = event(376);
    Procedure<NodeDevice.EventUpdateMsg, Void>                                               NODE_DEVICE_EVENT_UPDATE                 = event(377);

    // Secrets: credentials the card's disk providers use (Ceph keys, CHAP passwords), and their events.
    Procedure<Void, Connect.NumOfSecretsRet>                                         CONNECT_NUM_OF_SECRETS              = ro(139, HIGH);
    Procedure<Connect.ListSecretsArgs, Connect.ListSecretsRet>                       CONNECT_LIST_SECRETS                = ro(140, HIGH);
    Procedure<Secret.LookupByUuidArgs, Secret.LookupByUuidRet>                       SECRET_LOOKUP_BY_UUID               = ro(141, HIGH);
    Procedure<Secret.DefineXmlArgs, Secret.DefineXmlRet>                             SECRET_DEFINE_XML                   = rw(142, HIGH, all(SecretFlags.Define.class));
    Procedure<Secret.GetXmlDescArgs, Secret.GetXmlDescRet>                           SECRET_GET_XML_DESC                 = ro(143, HIGH);
    Procedure<Secret.SetValueArgs, Void>                                             SECRET_SET_VALUE                    = rw(144, HIGH);
    Procedure<Secret.GetValueArgs, Secret.GetValueRet>                               SECRET_GET_VALUE                    = rw(145, HIGH);
    Procedure<Secret.UndefineArgs, Void>                                             SECRET_UNDEFINE                     = rw(146, HIGH);
    Procedure<Secret.LookupByUsageArgs, Secret.LookupByUsageRet>                     SECRET_LOOKUP_BY_USAGE              = ro(147, HIGH);
    Procedure<Connect.ListAllSecretsArgs, Connect.ListAllSecretsRet>                 CONNECT_LIST_ALL_SECRETS            = ro(287, HIGH, all(SecretFlags.ListAll.class));
    Procedure<Connect.SecretEventRegisterAnyArgs, Connect.SecretEventRegisterAnyRet> CONNECT_SECRET_EVENT_REGISTER_ANY   = ro(380, HIGH);
    Procedure<Connect.SecretEventDeregisterAnyArgs, Void>                            CONNECT_SECRET_EVENT_DEREGISTER_ANY = ro(381, HIGH);
    Procedure<Secret.EventLifecycleMsg, Void>                                        SECRET_EVENT_LIFECYCLE              = event(382);
    Procedure<Secret.EventValueChangedMsg, Void>                                     SECRET_EVENT_VALUE_CHANGED          = event(383);

    // Storage pools and volumes: dir and netfs pools of image files, rbd, iscsi and iscsi-direct pools the card reaches.
    Procedure<Void, Connect.NumOfStoragePoolsRet>                                              CONNECT_NUM_OF_STORAGE_POOLS              = ro( 71, HIGH);
    Procedure<Connect.ListStoragePoolsArgs, Connect.ListStoragePoolsRet>                       CONNECT_LIST_STORAGE_POOLS                = ro( 72, HIGH);
    Procedure<Void, Connect.NumOfDefinedStoragePoolsRet>                                       CONNECT_NUM_OF_DEFINED_STORAGE_POOLS      = ro( 73, HIGH);
    Procedure<Connect.ListDefinedStoragePoolsArgs, Connect.ListDefinedStoragePoolsRet>         CONNECT_LIST_DEFINED_STORAGE_POOLS        = ro( 74, HIGH);
    Procedure<StoragePool.CreateXmlArgs, StoragePool.CreateXmlRet>                             STORAGE_POOL_CREATE_XML                   = rw( 76, LOW,  all(PoolCreate.class));
    Procedure<StoragePool.DefineXmlArgs, StoragePool.DefineXmlRet>                             STORAGE_POOL_DEFINE_XML                   = rw( 77, HIGH, FlagMask.of(Single.POOL_DEFINE_VALIDATE));
    Procedure<StoragePool.CreateArgs, Void>                                                    STORAGE_POOL_CREATE                       = rw( 78, LOW,  all(PoolCreate.class));
    Procedure<StoragePool.BuildArgs, Void>                                                     STORAGE_POOL_BUILD                        = rw( 79, LOW,  FlagMask.of(PoolBuild.NO_OVERWRITE, PoolBuild.OVERWRITE));
    Procedure<StoragePool.DestroyArgs, Void>                                                   STORAGE_POOL_DESTROY                      = rw( 80, LOW);
    Procedure<StoragePool.DeleteArgs, Void>                                                    STORAGE_POOL_DELETE                       = rw( 81, LOW);
    Procedure<StoragePool.UndefineArgs, Void>                                                  STORAGE_POOL_UNDEFINE                     = rw( 82, HIGH);
    Procedure<StoragePool.RefreshArgs, Void>                                                   STORAGE_POOL_REFRESH                      = rw( 83, LOW);
    Procedure<StoragePool.LookupByNameArgs, StoragePool.LookupByNameRet>                       STORAGE_POOL_LOOKUP_BY_NAME               = ro( 84, HIGH);
    Procedure<StoragePool.LookupByUuidArgs, StoragePool.LookupByUuidRet>                       STORAGE_POOL_LOOKUP_BY_UUID               = ro( 85, HIGH);
    Procedure<StoragePool.LookupByVolumeArgs, StoragePool.LookupByVolumeRet>                   STORAGE_POOL_LOOKUP_BY_VOLUME             = ro( 86, HIGH);
    Procedure<StoragePool.GetInfoArgs, StoragePool.GetInfoRet>                                 STORAGE_POOL_GET_INFO                     = ro( 87, LOW);
    Procedure<StoragePool.GetXmlDescArgs, StoragePool.GetXmlDescRet>                           STORAGE_POOL_GET_XML_DESC                 = ro( 88, LOW,  FlagMask.of(Single.XML_INACTIVE));
    Procedure<StoragePool.GetAutostartArgs, StoragePool.GetAutostartRet>                       STORAGE_POOL_GET_AUTOSTART                = ro( 89, HIGH);
    Procedure<StoragePool.SetAutostartArgs, Void>                                              STORAGE_POOL_SET_AUTOSTART                = rw( 90, HIGH);
    Procedure<StoragePool.NumOfVolumesArgs, StoragePool.NumOfVolumesRet>                       STORAGE_POOL_NUM_OF_VOLUMES               = ro( 91, HIGH);
    Procedure<StoragePool.ListVolumesArgs, StoragePool.ListVolumesRet>                         STORAGE_POOL_LIST_VOLUMES                 = ro( 92, HIGH);
    Procedure<StorageVol.CreateXmlArgs, StorageVol.CreateXmlRet>                               STORAGE_VOL_CREATE_XML                    = rw( 93, LOW,  all(VolCreate.class));
    Procedure<StorageVol.DeleteArgs, Void>                                                     STORAGE_VOL_DELETE                        = rw( 94, LOW);
    Procedure<StorageVol.LookupByNameArgs, StorageVol.LookupByNameRet>                         STORAGE_VOL_LOOKUP_BY_NAME                = ro( 95, HIGH);
    Procedure<StorageVol.LookupByKeyArgs, StorageVol.LookupByKeyRet>                           STORAGE_VOL_LOOKUP_BY_KEY                 = ro( 96, HIGH);
    Procedure<StorageVol.LookupByPathArgs, StorageVol.LookupByPathRet>                         STORAGE_VOL_LOOKUP_BY_PATH                = ro( 97, HIGH);
    Procedure<StorageVol.GetInfoArgs, StorageVol.GetInfoRet>                                   STORAGE_VOL_GET_INFO                      = ro( 98, LOW);
    Procedure<StorageVol.GetXmlDescArgs, StorageVol.GetXmlDescRet>                             STORAGE_VOL_GET_XML_DESC                  = ro( 99, LOW);
    Procedure<StorageVol.GetPathArgs, StorageVol.GetPathRet>                                   STORAGE_VOL_GET_PATH                      = ro(100, HIGH);
    Procedure<StorageVol.CreateXmlFromArgs, StorageVol.CreateXmlFromRet>                       STORAGE_VOL_CREATE_XML_FROM               = rw(125, LOW,  all(VolCreate.class));
    Procedure<StoragePool.IsActiveArgs, StoragePool.IsActiveRet>                               STORAGE_POOL_IS_ACTIVE                    = ro(154, HIGH);
    Procedure<StoragePool.IsPersistentArgs, StoragePool.IsPersistentRet>                       STORAGE_POOL_IS_PERSISTENT                = ro(155, HIGH);
    Procedure<StorageVol.WipeArgs, Void>                                                       STORAGE_VOL_WIPE                          = rw(165, LOW);
    Procedure<StorageVol.ResizeArgs, Void>                                                     STORAGE_VOL_RESIZE                        = rw(260, LOW,  FlagMask.of(Single.VOL_RESIZE_DELTA, Single.VOL_RESIZE_SHRINK));
    Procedure<Connect.ListAllStoragePoolsArgs, Connect.ListAllStoragePoolsRet>                 CONNECT_LIST_ALL_STORAGE_POOLS            = ro(281, HIGH, all(ListAllPools.class));
    Procedure<StoragePool.ListAllVolumesArgs, StoragePool.ListAllVolumesRet>                   STORAGE_POOL_LIST_ALL_VOLUMES             = ro(282, HIGH);
    Procedure<Connect.StoragePoolEventRegisterAnyArgs, Connect.StoragePoolEventRegisterAnyRet> CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY   = ro(368, HIGH);
    Procedure<Connect.StoragePoolEventDeregisterAnyArgs, Void>                                 CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY = ro(369, HIGH);
    Procedure<StoragePool.EventLifecycleMsg, Void>                                             STORAGE_POOL_EVENT_LIFECYCLE              = event(370);
    Procedure<StoragePool.EventRefreshMsg, Void>                                               STORAGE_POOL_EVENT_REFRESH                = event(373);
    Procedure<StorageVol.GetInfoFlagsArgs, StorageVol.GetInfoFlagsRet>                         STORAGE_VOL_GET_INFO_FLAGS                = ro(378, LOW,  FlagMask.of(Single.VOL_GET_PHYSICAL));
    Procedure<StoragePool.LookupByTargetPathArgs, StoragePool.LookupByTargetPathRet>           STORAGE_POOL_LOOKUP_BY_TARGET_PATH        = ro(391, HIGH);

    // Consoles: the server's serial port as a stream (IPMI SOL, the card's UART, QEMU's serial chardev); no channels.
    Procedure<Domain.OpenConsoleArgs, Void> DOMAIN_OPEN_CONSOLE = rw(201, LOW, all(OpenConsole.class));
    Procedure<Domain.OpenChannelArgs, Void> DOMAIN_OPEN_CHANNEL = rw(296, LOW, all(OpenChannel.class));

    // Card disk faults: a volume failing under a running server, as QEMU reports a disk's I/O errors (events, domblkerror).
    Procedure<Domain.GetDiskErrorsArgs, Domain.GetDiskErrorsRet> DOMAIN_GET_DISK_ERRORS                = ro(263, LOW);
    Procedure<Event.IoErrorMsg, Void>                            DOMAIN_EVENT_IO_ERROR                 = event(172);
    Procedure<Event.IoErrorReasonMsg, Void>                      DOMAIN_EVENT_IO_ERROR_REASON          = event(195);
    Procedure<Event.CallbackIoErrorMsg, Void>                    DOMAIN_EVENT_CALLBACK_IO_ERROR        = event(322);
    Procedure<Event.CallbackIoErrorReasonMsg, Void>              DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON = event(324);

    // Authentication: SASL where a listener asks for it (SCRAM-SHA-256, PLAIN over TLS and Unix; DIGEST-MD5 auth-conf over TCP).
    Procedure<Void, Auth.SaslInitRet>                AUTH_SASL_INIT  = early( 67, NONE, BEFORE_AUTH);
    Procedure<Auth.SaslStartArgs, Auth.SaslStartRet> AUTH_SASL_START = early( 68, NONE, BEFORE_AUTH);
    Procedure<Auth.SaslStepArgs, Auth.SaslStepRet>   AUTH_SASL_STEP  = early( 69, NONE, BEFORE_AUTH);

    // Not served: polkit (answered "authentication failed", as libvirtd without it).
    Procedure<Void, Void> AUTH_POLKIT     = early( 70, NONE, BEFORE_AUTH);

    // Not served: the host and the connection (virConnect*, virNode*).
    Procedure<Void, Void> NODE_SUSPEND_FOR_DURATION       = rw(250);
    Procedure<Void, Void> NODE_SET_MEMORY_PARAMETERS      = rw(288);
    Procedure<Void, Void> NODE_GET_MEMORY_PARAMETERS      = ro(289);
    Procedure<Void, Void> NODE_GET_FREE_PAGES             = ro(340);
    Procedure<Void, Void> NODE_ALLOC_PAGES                = rw(347);
    Procedure<Void, Void> NODE_GET_SEV_INFO               = rw(395);
    Procedure<Void, Void> CONNECT_SET_IDENTITY            = ro(419);

    // Not served: domains (virDomain*, virConnect* for domains).
    Procedure<Void, Void> DOMAIN_PIN_VCPU                       = rw( 26);
    Procedure<Void, Void> DOMAIN_SET_MAX_MEMORY                 = rw( 30);
    Procedure<Void, Void> DOMAIN_SET_MEMORY                     = rw( 31);
    Procedure<Void, Void> DOMAIN_SET_VCPUS                      = rw( 32);
    Procedure<Void, Void> DOMAIN_CORE_DUMP                      = rw( 53);
    Procedure<Void, Void> DOMAIN_RESTORE                        = rw( 54);
    Procedure<Void, Void> DOMAIN_SAVE                           = rw( 55);
    Procedure<Void, Void> DOMAIN_GET_SCHEDULER_TYPE             = ro( 56);
    Procedure<Void, Void> DOMAIN_GET_SCHEDULER_PARAMETERS       = ro( 57);
    Procedure<Void, Void> DOMAIN_SET_SCHEDULER_PARAMETERS       = rw( 58);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE                = rw( 61);
    Procedure<Void, Void> DOMAIN_MIGRATE_PERFORM                = rw( 62);
    Procedure<Void, Void> DOMAIN_MIGRATE_FINISH                 = rw( 63);
    Procedure<Void, Void> DOMAIN_BLOCK_PEEK                     = rw(103);
    Procedure<Void, Void> DOMAIN_MEMORY_PEEK                    = rw(104);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE2               = rw(108);
    Procedure<Void, Void> DOMAIN_MIGRATE_FINISH2                = rw(109);
    Procedure<Void, Void> DOMAIN_GET_SECURITY_LABEL             = ro(121);
    Procedure<Void, Void> CONNECT_DOMAIN_XML_FROM_NATIVE        = rw(135);
    Procedure<Void, Void> CONNECT_DOMAIN_XML_TO_NATIVE          = rw(136);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE_TUNNEL         = rw(148);
    Procedure<Void, Void> DOMAIN_ABORT_JOB                      = rw(164);
    Procedure<Void, Void> DOMAIN_MIGRATE_SET_MAX_DOWNTIME       = rw(166);
    Procedure<Void, Void> DOMAIN_MANAGED_SAVE                   = rw(182);
    Procedure<Void, Void> DOMAIN_MANAGED_SAVE_REMOVE            = rw(184);
    Procedure<Void, Void> DOMAIN_SET_MEMORY_PARAMETERS          = rw(197);
    Procedure<Void, Void> DOMAIN_GET_MEMORY_PARAMETERS          = ro(198);
    Procedure<Void, Void> DOMAIN_SET_VCPUS_FLAGS                = rw(199);
    Procedure<Void, Void> DOMAIN_SET_MEMORY_FLAGS               = rw(204);
    Procedure<Void, Void> DOMAIN_SET_BLKIO_PARAMETERS           = rw(205);
    Procedure<Void, Void> DOMAIN_GET_BLKIO_PARAMETERS           = ro(206);
    Procedure<Void, Void> DOMAIN_MIGRATE_SET_MAX_SPEED          = rw(207);
    Procedure<Void, Void> DOMAIN_SCREENSHOT                     = rw(211);
    Procedure<Void, Void> DOMAIN_MIGRATE_BEGIN3                 = rw(213);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE3               = rw(214);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE_TUNNEL3        = rw(215);
    Procedure<Void, Void> DOMAIN_MIGRATE_PERFORM3               = rw(216);
    Procedure<Void, Void> DOMAIN_MIGRATE_FINISH3                = rw(217);
    Procedure<Void, Void> DOMAIN_MIGRATE_CONFIRM3               = rw(218);
    Procedure<Void, Void> DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS = rw(219);
    Procedure<Void, Void> DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS = ro(223);
    Procedure<Void, Void> DOMAIN_PIN_VCPU_FLAGS                 = rw(225);
    Procedure<Void, Void> DOMAIN_SEND_KEY                       = rw(226);
    Procedure<Void, Void> DOMAIN_SAVE_FLAGS                     = rw(232);
    Procedure<Void, Void> DOMAIN_RESTORE_FLAGS                  = rw(233);
    Procedure<Void, Void> DOMAIN_SAVE_IMAGE_GET_XML_DESC        = rw(235);
    Procedure<Void, Void> DOMAIN_SAVE_IMAGE_DEFINE_XML          = rw(236);
    Procedure<Void, Void> DOMAIN_BLOCK_JOB_ABORT                = rw(237);
    Procedure<Void, Void> DOMAIN_GET_BLOCK_JOB_INFO             = ro(238);
    Procedure<Void, Void> DOMAIN_BLOCK_JOB_SET_SPEED            = rw(239);
    Procedure<Void, Void> DOMAIN_BLOCK_PULL                     = rw(240);
    Procedure<Void, Void> DOMAIN_MIGRATE_GET_MAX_SPEED          = rw(242);
    Procedure<Void, Void> DOMAIN_OPEN_GRAPHICS                  = rw(249);
    Procedure<Void, Void> DOMAIN_BLOCK_RESIZE                   = rw(251);
    Procedure<Void, Void> DOMAIN_SET_BLOCK_IO_TUNE              = rw(252);
    Procedure<Void, Void> DOMAIN_GET_BLOCK_IO_TUNE              = ro(253);
    Procedure<Void, Void> DOMAIN_SET_NUMA_PARAMETERS            = rw(254);
    Procedure<Void, Void> DOMAIN_GET_NUMA_PARAMETERS            = ro(255);
    Procedure<Void, Void> DOMAIN_SET_INTERFACE_PARAMETERS       = rw(256);
    Procedure<Void, Void> DOMAIN_GET_INTERFACE_PARAMETERS       = ro(257);
    Procedure<Void, Void> DOMAIN_PM_SUSPEND_FOR_DURATION        = rw(261);
    Procedure<Void, Void> DOMAIN_BLOCK_REBASE                   = rw(266);
    Procedure<Void, Void> DOMAIN_PM_WAKEUP                      = rw(267);
    Procedure<Void, Void> DOMAIN_GET_SECURITY_LABEL_LIST        = ro(278);
    Procedure<Void, Void> DOMAIN_PIN_EMULATOR                   = rw(279);
    Procedure<Void, Void> DOMAIN_GET_EMULATOR_PIN_INFO          = ro(280);
    Procedure<Void, Void> DOMAIN_BLOCK_COMMIT                   = rw(290);
    Procedure<Void, Void> DOMAIN_FSTRIM                         = rw(294);
    Procedure<Void, Void> DOMAIN_SEND_PROCESS_SIGNAL            = rw(295);
    Procedure<Void, Void> DOMAIN_MIGRATE_GET_COMPRESSION_CACHE  = ro(299);
    Procedure<Void, Void> DOMAIN_MIGRATE_SET_COMPRESSION_CACHE  = rw(300);
    Procedure<Void, Void> DOMAIN_MIGRATE_BEGIN3_PARAMS          = rw(302);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE3_PARAMS        = rw(303);
    Procedure<Void, Void> DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS = rw(304);
    Procedure<Void, Void> DOMAIN_MIGRATE_PERFORM3_PARAMS        = rw(305);
    Procedure<Void, Void> DOMAIN_MIGRATE_FINISH3_PARAMS         = rw(306);
    Procedure<Void, Void> DOMAIN_MIGRATE_CONFIRM3_PARAMS        = rw(307);
    Procedure<Void, Void> DOMAIN_SET_MEMORY_STATS_PERIOD        = rw(308);
    Procedure<Void, Void> DOMAIN_CREATE_XML_WITH_FILES          = rw(309);
    Procedure<Void, Void> DOMAIN_CREATE_WITH_FILES              = rw(310);
    Procedure<Void, Void> DOMAIN_CORE_DUMP_WITH_FORMAT          = rw(334);
    Procedure<Void, Void> DOMAIN_FSFREEZE                       = rw(335);
    Procedure<Void, Void> DOMAIN_FSTHAW                         = rw(336);
    Procedure<Void, Void> DOMAIN_GET_TIME                       = rw(337);
    Procedure<Void, Void> DOMAIN_SET_TIME                       = rw(338);
    Procedure<Void, Void> DOMAIN_OPEN_GRAPHICS_FD               = rw(343);
    Procedure<Void, Void> DOMAIN_BLOCK_COPY                     = rw(345);
    Procedure<Void, Void> DOMAIN_GET_FSINFO                     = rw(349);
    Procedure<Void, Void> DOMAIN_GET_IOTHREAD_INFO              = ro(351);
    Procedure<Void, Void> DOMAIN_PIN_IOTHREAD                   = rw(352);
    Procedure<Void, Void> DOMAIN_ADD_IOTHREAD                   = rw(355);
    Procedure<Void, Void> DOMAIN_DEL_IOTHREAD                   = rw(356);
    Procedure<Void, Void> DOMAIN_SET_USER_PASSWORD              = rw(357);
    Procedure<Void, Void> DOMAIN_RENAME                         = rw(358);
    Procedure<Void, Void> DOMAIN_MIGRATE_START_POST_COPY        = rw(364);
    Procedure<Void, Void> DOMAIN_GET_PERF_EVENTS                = ro(365);
    Procedure<Void, Void> DOMAIN_SET_PERF_EVENTS                = rw(366);
    Procedure<Void, Void> DOMAIN_GET_GUEST_VCPUS                = rw(371);
    Procedure<Void, Void> DOMAIN_SET_GUEST_VCPUS                = rw(372);
    Procedure<Void, Void> DOMAIN_SET_VCPU                       = rw(384);
    Procedure<Void, Void> DOMAIN_SET_BLOCK_THRESHOLD            = rw(386);
    Procedure<Void, Void> DOMAIN_MIGRATE_GET_MAX_DOWNTIME       = ro(387);
    Procedure<Void, Void> DOMAIN_MANAGED_SAVE_GET_XML_DESC      = ro(388);
    Procedure<Void, Void> DOMAIN_MANAGED_SAVE_DEFINE_XML        = rw(389);
    Procedure<Void, Void> DOMAIN_SET_LIFECYCLE_ACTION           = rw(390);
    Procedure<Void, Void> DOMAIN_GET_LAUNCH_SECURITY_INFO       = rw(396);
    Procedure<Void, Void> DOMAIN_SET_IOTHREAD_PARAMS            = rw(402);
    Procedure<Void, Void> DOMAIN_GET_GUEST_INFO                 = rw(418);
    Procedure<Void, Void> DOMAIN_AGENT_SET_RESPONSE_TIMEOUT     = rw(420);
    Procedure<Void, Void> DOMAIN_BACKUP_BEGIN                   = rw(421);
    Procedure<Void, Void> DOMAIN_BACKUP_GET_XML_DESC            = ro(422);
    Procedure<Void, Void> DOMAIN_AUTHORIZED_SSH_KEYS_GET        = rw(424);
    Procedure<Void, Void> DOMAIN_AUTHORIZED_SSH_KEYS_SET        = rw(425);
    Procedure<Void, Void> DOMAIN_START_DIRTY_RATE_CALC          = rw(427);
    Procedure<Void, Void> DOMAIN_SET_LAUNCH_SECURITY_STATE      = rw(439);
    Procedure<Void, Void> DOMAIN_SAVE_PARAMS                    = rw(440);
    Procedure<Void, Void> DOMAIN_RESTORE_PARAMS                 = rw(441);
    Procedure<Void, Void> DOMAIN_ABORT_JOB_FLAGS                = rw(442);
    Procedure<Void, Void> DOMAIN_FD_ASSOCIATE                   = rw(443);

    // Not served: domain snapshots and checkpoints.
    Procedure<Void, Void> DOMAIN_SNAPSHOT_CREATE_XML          = rw(185);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_GET_XML_DESC        = ro(186);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_LIST_NAMES          = ro(188);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_LOOKUP_BY_NAME      = ro(189);
    Procedure<Void, Void> DOMAIN_HAS_CURRENT_SNAPSHOT         = ro(190);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_CURRENT             = ro(191);
    Procedure<Void, Void> DOMAIN_REVERT_TO_SNAPSHOT           = rw(192);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_DELETE              = rw(193);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_GET_PARENT          = ro(244);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_NUM_CHILDREN        = ro(246);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_LIST_CHILDREN_NAMES = ro(247);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_IS_CURRENT          = ro(271);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_HAS_METADATA        = ro(272);
    Procedure<Void, Void> DOMAIN_LIST_ALL_SNAPSHOTS           = ro(274);
    Procedure<Void, Void> DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN   = ro(275);
    Procedure<Void, Void> DOMAIN_CHECKPOINT_CREATE_XML        = rw(411);
    Procedure<Void, Void> DOMAIN_CHECKPOINT_GET_XML_DESC      = ro(412);
    Procedure<Void, Void> DOMAIN_LIST_ALL_CHECKPOINTS         = ro(413);
    Procedure<Void, Void> DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN = ro(414);
    Procedure<Void, Void> DOMAIN_CHECKPOINT_LOOKUP_BY_NAME    = ro(415);
    Procedure<Void, Void> DOMAIN_CHECKPOINT_GET_PARENT        = ro(416);
    Procedure<Void, Void> DOMAIN_CHECKPOINT_DELETE            = rw(417);

    // Not served: network DHCP leases (the card serves no DHCP) and network ports.
    Procedure<Void, Void> NETWORK_GET_DHCP_LEASES              = ro(341);
    Procedure<Void, Void> NETWORK_LIST_ALL_PORTS               = ro(404);
    Procedure<Void, Void> NETWORK_PORT_LOOKUP_BY_UUID          = ro(405);
    Procedure<Void, Void> NETWORK_PORT_CREATE_XML              = rw(406);
    Procedure<Void, Void> NETWORK_PORT_GET_PARAMETERS          = ro(407);
    Procedure<Void, Void> NETWORK_PORT_SET_PARAMETERS          = rw(408);
    Procedure<Void, Void> NETWORK_PORT_GET_XML_DESC            = ro(409);
    Procedure<Void, Void> NETWORK_PORT_DELETE                  = rw(410);

    // Not served: network filters.
    Procedure<Void, Void> NWFILTER_LOOKUP_BY_NAME             = ro(175);
    Procedure<Void, Void> NWFILTER_LOOKUP_BY_UUID             = ro(176);
    Procedure<Void, Void> NWFILTER_GET_XML_DESC               = ro(177);
    Procedure<Void, Void> CONNECT_NUM_OF_NWFILTERS            = ro(178);
    Procedure<Void, Void> CONNECT_LIST_NWFILTERS              = ro(179);
    Procedure<Void, Void> NWFILTER_DEFINE_XML                 = rw(180);
    Procedure<Void, Void> NWFILTER_UNDEFINE                   = rw(181);
    Procedure<Void, Void> CONNECT_LIST_ALL_NWFILTERS          = ro(286);
    Procedure<Void, Void> NWFILTER_BINDING_LOOKUP_BY_PORT_DEV = ro(397);
    Procedure<Void, Void> NWFILTER_BINDING_GET_XML_DESC       = ro(398);
    Procedure<Void, Void> NWFILTER_BINDING_CREATE_XML         = rw(399);
    Procedure<Void, Void> NWFILTER_BINDING_DELETE             = rw(400);
    Procedure<Void, Void> CONNECT_LIST_ALL_NWFILTER_BINDINGS  = ro(401);
    Procedure<Void, Void> NWFILTER_DEFINE_XML_FLAGS           = rw(431);

    // Not served: host interfaces.
    Procedure<Void, Void> CONNECT_NUM_OF_INTERFACES         = ro(126);
    Procedure<Void, Void> CONNECT_LIST_INTERFACES           = ro(127);
    Procedure<Void, Void> INTERFACE_LOOKUP_BY_NAME          = ro(128);
    Procedure<Void, Void> INTERFACE_LOOKUP_BY_MAC_STRING    = ro(129);
    Procedure<Void, Void> INTERFACE_GET_XML_DESC            = ro(130);
    Procedure<Void, Void> INTERFACE_DEFINE_XML              = rw(131);
    Procedure<Void, Void> INTERFACE_UNDEFINE                = rw(132);
    Procedure<Void, Void> INTERFACE_CREATE                  = rw(133);
    Procedure<Void, Void> INTERFACE_DESTROY                 = rw(134);
    Procedure<Void, Void> CONNECT_NUM_OF_DEFINED_INTERFACES = ro(137);
    Procedure<Void, Void> CONNECT_LIST_DEFINED_INTERFACES   = ro(138);
    Procedure<Void, Void> INTERFACE_IS_ACTIVE               = ro(156);
    Procedure<Void, Void> INTERFACE_CHANGE_BEGIN            = rw(220);
    Procedure<Void, Void> INTERFACE_CHANGE_COMMIT           = rw(221);
    Procedure<Void, Void> INTERFACE_CHANGE_ROLLBACK         = rw(222);
    Procedure<Void, Void> CONNECT_LIST_ALL_INTERFACES       = ro(284);

    // Not served: storage pools and volumes.
    Procedure<Void, Void> CONNECT_FIND_STORAGE_POOL_SOURCES         = rw( 75);
    Procedure<Void, Void> STORAGE_VOL_UPLOAD                        = rw(208);
    Procedure<Void, Void> STORAGE_VOL_DOWNLOAD                      = rw(209);
    Procedure<Void, Void> STORAGE_VOL_WIPE_PATTERN                  = rw(259);
    Procedure<Void, Void> CONNECT_GET_STORAGE_POOL_CAPABILITIES     = ro(403);

    // Not served: node devices.
    Procedure<Void, Void> NODE_DEVICE_CREATE_XML                   = rw(123);
    Procedure<Void, Void> NODE_DEVICE_DESTROY                      = rw(124);
    Procedure<Void, Void> NODE_DEVICE_DEFINE_XML                   = rw(428);
    Procedure<Void, Void> NODE_DEVICE_UNDEFINE                     = rw(429);
    Procedure<Void, Void> NODE_DEVICE_CREATE                       = rw(430);
    Procedure<Void, Void> NODE_DEVICE_GET_AUTOSTART                = rw(433);
    Procedure<Void, Void> NODE_DEVICE_SET_AUTOSTART                = rw(434);

    // Events metalvirt never sends.
    Procedure<Void, Void> DOMAIN_EVENT_REBOOT                       = event(169);
    Procedure<Void, Void> DOMAIN_EVENT_RTC_CHANGE                   = event(170);
    Procedure<Void, Void> DOMAIN_EVENT_WATCHDOG                     = event(171);
    Procedure<Void, Void> DOMAIN_EVENT_GRAPHICS                     = event(173);
    Procedure<Void, Void> DOMAIN_EVENT_CONTROL_ERROR                = event(224);
    Procedure<Void, Void> DOMAIN_EVENT_BLOCK_JOB                    = event(241);
    Procedure<Void, Void> DOMAIN_EVENT_DISK_CHANGE                  = event(248);
    Procedure<Void, Void> DOMAIN_EVENT_TRAY_CHANGE                  = event(268);
    Procedure<Void, Void> DOMAIN_EVENT_PMWAKEUP                     = event(269);
    Procedure<Void, Void> DOMAIN_EVENT_PMSUSPEND                    = event(270);
    Procedure<Void, Void> DOMAIN_EVENT_BALLOON_CHANGE               = event(276);
    Procedure<Void, Void> DOMAIN_EVENT_PMSUSPEND_DISK               = event(292);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_RTC_CHANGE          = event(320);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_WATCHDOG            = event(321);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_GRAPHICS            = event(323);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_CONTROL_ERROR       = event(325);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_BLOCK_JOB           = event(326);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_DISK_CHANGE         = event(327);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_TRAY_CHANGE         = event(328);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_PMWAKEUP            = event(329);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_PMSUSPEND           = event(330);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE      = event(331);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK      = event(332);
    Procedure<Void, Void> DOMAIN_EVENT_BLOCK_JOB_2                  = event(339);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_TUNABLE             = event(346);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE     = event(348);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION = event(359);
    Procedure<Void, Void> CONNECT_EVENT_CONNECTION_CLOSED           = event(362);
    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_JOB_COMPLETED       = event(363);

    Procedure<Void, Void> DOMAIN_EVENT_CALLBACK_METADATA_CHANGE     = event(379);
    Procedure<Void, Void> DOMAIN_EVENT_BLOCK_THRESHOLD              = event(385);
    Procedure<Void, Void> DOMAIN_EVENT_MEMORY_FAILURE               = event(423);
    Procedure<Void, Void> DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE    = event(438);

    /** Every procedure above, named after its constant; declared last, so that it sees them all. */
    ProcedureTable TABLE = ProcedureTable.of(RemoteProcedures.class);
    // spotless:on
}
