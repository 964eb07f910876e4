package org.metalvirt.shim.protocol;

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

import org.metalvirt.shim.protocol.LibvirtFlags.Create;
import org.metalvirt.shim.protocol.LibvirtFlags.Define;
import org.metalvirt.shim.protocol.LibvirtFlags.Destroy;
import org.metalvirt.shim.protocol.LibvirtFlags.DeviceModify;
import org.metalvirt.shim.protocol.LibvirtFlags.GetAllStats;
import org.metalvirt.shim.protocol.LibvirtFlags.GetHostname;
import org.metalvirt.shim.protocol.LibvirtFlags.Impact;
import org.metalvirt.shim.protocol.LibvirtFlags.JobStats;
import org.metalvirt.shim.protocol.LibvirtFlags.Reboot;
import org.metalvirt.shim.protocol.LibvirtFlags.Shutdown;
import org.metalvirt.shim.protocol.LibvirtFlags.TypedParam;
import org.metalvirt.shim.protocol.LibvirtFlags.Undefine;
import org.metalvirt.shim.protocol.LibvirtFlags.Vcpu;
import org.metalvirt.shim.protocol.LibvirtFlags.Xml;

/**
 * The procedures of libvirt's REMOTE program that metalvirt serves or sends, one line each, as
 * {@code remote_protocol.x} declares them: the constant's name is the procedure's name; then
 * {@code ro} (reads) or {@code rw} (needs a read-write connection), or {@code early} (served
 * before open) or {@code event} (a MESSAGE); the number; the priority; and the flags it accepts,
 * which the dispatcher checks. The args and ret records, each named after its libvirt struct, are
 * the type's parameters: {@link ProcedureTable} reads them from the declaration, so a line is the
 * single source of a procedure. A call number not declared here is answered with "unknown
 * procedure", which clients turn into "not supported".
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
    Procedure<Void, Auth.ListRet>                                      AUTH_LIST                         = early( 66, NONE);
    Procedure<Node.GetCellsFreeMemoryArgs, Node.GetCellsFreeMemoryRet> NODE_GET_CELLS_FREE_MEMORY        = ro(101, HIGH);
    Procedure<Void, Node.GetFreeMemoryRet>                             NODE_GET_FREE_MEMORY              = ro(102, HIGH);
    Procedure<Void, Connect.GetUriRet>                                 CONNECT_GET_URI                   = ro(110, HIGH);
    Procedure<Void, Node.GetSecurityModelRet>                          NODE_GET_SECURITY_MODEL           = ro(122, HIGH);
    Procedure<Void, Connect.IsSecureRet>                               CONNECT_IS_SECURE                 = ro(149, HIGH);
    Procedure<Void, Connect.GetLibVersionRet>                          CONNECT_GET_LIB_VERSION           = ro(157, HIGH);
    Procedure<Connect.GetSysinfoArgs, Connect.GetSysinfoRet>           CONNECT_GET_SYSINFO               = ro(203, HIGH);
    Procedure<Void, Void>                                              CONNECT_REGISTER_CLOSE_CALLBACK   = ro(360, HIGH);
    Procedure<Void, Void>                                              CONNECT_UNREGISTER_CLOSE_CALLBACK = ro(361, HIGH);

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

    // Statistics and status a server can honestly give: domstats, vCPUs and CPU map, jobs, CPU and memory use, guest addresses.
    Procedure<Domain.GetVcpusArgs, Domain.GetVcpusRet>                     DOMAIN_GET_VCPUS             = ro( 20, HIGH);
    Procedure<Domain.GetJobInfoArgs, Domain.GetJobInfoRet>                 DOMAIN_GET_JOB_INFO          = ro(163, LOW);
    Procedure<Node.GetCpuStatsArgs, Node.GetCpuStatsRet>                   NODE_GET_CPU_STATS           = ro(227, HIGH);
    Procedure<Node.GetMemoryStatsArgs, Node.GetMemoryStatsRet>             NODE_GET_MEMORY_STATS        = ro(228, HIGH);
    Procedure<Domain.GetVcpuPinInfoArgs, Domain.GetVcpuPinInfoRet>         DOMAIN_GET_VCPU_PIN_INFO     = ro(230, LOW,  all(Impact.class));
    Procedure<Domain.GetCpuStatsArgs, Domain.GetCpuStatsRet>               DOMAIN_GET_CPU_STATS         = ro(262, LOW,  all(TypedParam.class));
    Procedure<Domain.GetHostnameArgs, Domain.GetHostnameRet>               DOMAIN_GET_HOSTNAME          = rw(277, LOW,  all(GetHostname.class));
    Procedure<Node.GetCpuMapArgs, Node.GetCpuMapRet>                       NODE_GET_CPU_MAP             = ro(293, LOW);
    Procedure<Domain.GetJobStatsArgs, Domain.GetJobStatsRet>               DOMAIN_GET_JOB_STATS         = ro(298, LOW,  all(JobStats.class));
    Procedure<Connect.GetAllDomainStatsArgs, Connect.GetAllDomainStatsRet> CONNECT_GET_ALL_DOMAIN_STATS = ro(344, LOW,  all(GetAllStats.class));
    Procedure<Domain.InterfaceAddressesArgs, Domain.InterfaceAddressesRet> DOMAIN_INTERFACE_ADDRESSES   = ro(353, LOW);

    /** Every procedure above, named after its constant; declared last, so that it sees them all. */
    ProcedureTable TABLE = ProcedureTable.of(RemoteProcedures.class);
    // spotless:on
}
