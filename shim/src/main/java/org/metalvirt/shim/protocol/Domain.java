package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of the {@code remote_domain_*} structs, fields in XDR order: each is named after its
 * struct, {@code Domain.GetStateArgs} being {@code remote_domain_get_state_args}. Structs of the
 * same shape stay separate records, as libvirt declares them, so that a procedure's line in
 * {@link RemoteProcedures} says which struct it carries.
 */
public final class Domain {

    private Domain() {}

    // Lookup and definition.
    public record LookupByIdArgs(int id) {}

    public record LookupByIdRet(RemoteDomain dom) {}

    public record LookupByNameArgs(String name) {}

    public record LookupByNameRet(RemoteDomain dom) {}

    public record LookupByUuidArgs(UUID uuid) {}

    public record LookupByUuidRet(RemoteDomain dom) {}

    public record DefineXmlArgs(String xml) {}

    public record DefineXmlRet(RemoteDomain dom) {}

    public record DefineXmlFlagsArgs(String xml, int flags) {}

    public record DefineXmlFlagsRet(RemoteDomain dom) {}

    public record UndefineArgs(RemoteDomain dom) {}

    public record UndefineFlagsArgs(RemoteDomain dom, int flags) {}

    // Lifecycle.
    public record CreateArgs(RemoteDomain dom) {}

    public record CreateWithFlagsArgs(RemoteDomain dom, int flags) {}

    public record CreateWithFlagsRet(RemoteDomain dom) {}

    public record CreateXmlArgs(String xmlDesc, int flags) {}

    public record CreateXmlRet(RemoteDomain dom) {}

    public record SuspendArgs(RemoteDomain dom) {}

    public record ResumeArgs(RemoteDomain dom) {}

    public record ShutdownArgs(RemoteDomain dom) {}

    public record ShutdownFlagsArgs(RemoteDomain dom, int flags) {}

    public record RebootArgs(RemoteDomain dom, int flags) {}

    public record ResetArgs(RemoteDomain dom, int flags) {}

    public record DestroyArgs(RemoteDomain dom) {}

    public record InjectNmiArgs(RemoteDomain dom, int flags) {}

    public record DestroyFlagsArgs(RemoteDomain dom, int flags) {}

    // What agents read back.
    public record GetInfoArgs(RemoteDomain dom) {}

    public record GetInfoRet(int state, long maxMem, long memory, int nrVirtCpu, long cpuTime) {}

    public record GetStateArgs(RemoteDomain dom, int flags) {}

    public record GetStateRet(int state, int reason) {}

    public record GetXmlDescArgs(RemoteDomain dom, int flags) {}

    public record GetXmlDescRet(String xml) {}

    public record GetOsTypeArgs(RemoteDomain dom) {}

    public record GetOsTypeRet(String type) {}

    public record GetMaxMemoryArgs(RemoteDomain dom) {}

    public record GetMaxMemoryRet(long memory) {}

    public record GetMaxVcpusArgs(RemoteDomain dom) {}

    public record GetMaxVcpusRet(int num) {}

    public record GetVcpusFlagsArgs(RemoteDomain dom, int flags) {}

    public record GetVcpusFlagsRet(int num) {}

    public record GetAutostartArgs(RemoteDomain dom) {}

    public record GetAutostartRet(int autostart) {}

    public record SetAutostartArgs(RemoteDomain dom, int autostart) {}

    public record IsActiveArgs(RemoteDomain dom) {}

    public record IsActiveRet(int active) {}

    public record IsPersistentArgs(RemoteDomain dom) {}

    public record IsPersistentRet(int persistent) {}

    public record IsUpdatedArgs(RemoteDomain dom) {}

    public record IsUpdatedRet(int updated) {}

    public record HasManagedSaveImageArgs(RemoteDomain dom, int flags) {}

    public record HasManagedSaveImageRet(int result) {}

    public record SnapshotNumArgs(RemoteDomain dom, int flags) {}

    public record SnapshotNumRet(int num) {}

    public record GetControlInfoArgs(RemoteDomain dom, int flags) {}

    public record GetControlInfoRet(int state, int details, long stateTime) {}

    public record GetMessagesArgs(RemoteDomain dom, int flags) {}

    public record GetMessagesRet(@Max(2048) List<String> msgs) {}

    public record GetMetadataArgs(RemoteDomain dom, int type, Optional<String> uri, int flags) {}

    public record GetMetadataRet(String metadata) {}

    public record SetMetadataArgs(
            RemoteDomain dom,
            int type,
            Optional<String> metadata,
            Optional<String> key,
            Optional<String> uri,
            int flags) {}

    // Statistics agents poll.
    public record BlockStatsArgs(RemoteDomain dom, String path) {}

    public record BlockStatsRet(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs) {}

    public record BlockStatsFlagsArgs(RemoteDomain dom, String path, int nparams, int flags) {}

    public record BlockStatsFlagsRet(@Max(16) List<TypedParam> params, int nparams) {}

    public record InterfaceStatsArgs(RemoteDomain dom, String device) {}

    public record InterfaceStatsRet(
            long rxBytes,
            long rxPackets,
            long rxErrs,
            long rxDrop,
            long txBytes,
            long txPackets,
            long txErrs,
            long txDrop) {}

    public record GetBlockInfoArgs(RemoteDomain dom, String path, int flags) {}

    public record GetBlockInfoRet(long allocation, long capacity, long physical) {}

    public record MemoryStatsArgs(RemoteDomain dom, int maxStats, int flags) {}

    public record MemoryStat(int tag, long val) {}

    public record MemoryStatsRet(@Max(1024) List<MemoryStat> stats) {}

    // Devices.
    public record AttachDeviceArgs(RemoteDomain dom, String xml) {}

    public record AttachDeviceFlagsArgs(RemoteDomain dom, String xml, int flags) {}

    public record DetachDeviceArgs(RemoteDomain dom, String xml) {}

    public record DetachDeviceFlagsArgs(RemoteDomain dom, String xml, int flags) {}

    public record DetachDeviceAliasArgs(RemoteDomain dom, String alias, int flags) {}

    public record UpdateDeviceFlagsArgs(RemoteDomain dom, String xml, int flags) {}

    // Statistics and status a server can give: vCPUs, jobs, CPU time, the guest's names and addresses.
    /** {@code remote_domain_stats_record}: one domain's typed parameters in CONNECT_GET_ALL_DOMAIN_STATS. */
    public record StatsRecord(RemoteDomain dom, @Max(262144) List<TypedParam> params) {}

    public record GetVcpusArgs(RemoteDomain dom, int maxinfo, int maplen) {}

    /** {@code remote_vcpu_info}: state is a {@code virVcpuState}, cpuTime in nanoseconds. */
    public record VcpuInfo(int number, int state, long cpuTime, int cpu) {}

    public record GetVcpusRet(
            @Max(16384) List<VcpuInfo> info, @Max(8388608) byte[] cpumaps) {}

    public record GetVcpuPinInfoArgs(RemoteDomain dom, int ncpumaps, int maplen, int flags) {}

    public record GetVcpuPinInfoRet(@Max(8388608) byte[] cpumaps, int num) {}

    public record GetJobInfoArgs(RemoteDomain dom) {}

    public record GetJobInfoRet(
            int type,
            long timeElapsed,
            long timeRemaining,
            long dataTotal,
            long dataProcessed,
            long dataRemaining,
            long memTotal,
            long memProcessed,
            long memRemaining,
            long fileTotal,
            long fileProcessed,
            long fileRemaining) {}

    public record GetJobStatsArgs(RemoteDomain dom, int flags) {}

    public record GetJobStatsRet(int type, @Max(64) List<TypedParam> params) {}

    public record GetCpuStatsArgs(RemoteDomain dom, int nparams, int startCpu, int ncpus, int flags) {}

    public record GetCpuStatsRet(@Max(2048) List<TypedParam> params, int nparams) {}

    public record GetHostnameArgs(RemoteDomain dom, int flags) {}

    public record OpenConsoleArgs(RemoteDomain dom, Optional<String> devName, int flags) {}

    public record OpenChannelArgs(RemoteDomain dom, Optional<String> name, int flags) {}

    public record GetHostnameRet(String hostname) {}

    public record InterfaceAddressesArgs(RemoteDomain dom, int source, int flags) {}

    /** {@code remote_domain_ip_addr}: type is a {@code virIPAddrType}. */
    public record IpAddr(int type, String addr, int prefix) {}

    /** {@code remote_domain_interface}. */
    public record Interface(
            String name, Optional<String> hwaddr, @Max(2048) List<IpAddr> addrs) {}

    public record InterfaceAddressesRet(@Max(2048) List<Interface> ifaces) {}

    public record GetDiskErrorsArgs(RemoteDomain dom, int maxerrors, int flags) {}

    /** {@code remote_domain_disk_error}: error is a {@code virDomainDiskErrorCode}. */
    public record DiskError(String disk, int error) {}

    public record GetDiskErrorsRet(@Max(256) List<DiskError> errors, int nerrors) {}
}
