package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.protocol.Types.RemoteNodeDevice;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of the {@code remote_connect_*} structs, fields in XDR order: each is named after its
 * struct, {@code Connect.OpenArgs} being {@code remote_connect_open_args}.
 */
public final class Connect {

    private Connect() {}

    public record OpenArgs(Optional<String> name, int flags) {}

    public record SupportsFeatureArgs(int feature) {}

    public record SupportsFeatureRet(int supported) {}

    public record GetTypeRet(String type) {}

    public record GetVersionRet(long hvVer) {}

    public record GetLibVersionRet(long libVer) {}

    public record GetHostnameRet(String hostname) {}

    public record GetUriRet(String uri) {}

    public record GetCapabilitiesRet(String capabilities) {}

    public record GetSysinfoArgs(int flags) {}

    public record GetSysinfoRet(String sysinfo) {}

    public record GetMaxVcpusArgs(Optional<String> type) {}

    public record GetMaxVcpusRet(int maxVcpus) {}

    public record IsSecureRet(int secure) {}

    public record ListAllDomainsArgs(int needResults, int flags) {}

    public record ListAllDomainsRet(@Max(16384) List<RemoteDomain> domains, int ret) {}

    public record NumOfDomainsRet(int num) {}

    public record ListDomainsArgs(int maxids) {}

    public record ListDomainsRet(@Max(16384) List<Integer> ids) {}

    public record NumOfDefinedDomainsRet(int num) {}

    public record ListDefinedDomainsArgs(int maxnames) {}

    public record ListDefinedDomainsRet(@Max(16384) List<String> names) {}

    // Host introspection: domain capabilities and the CPU APIs.

    public record GetDomainCapabilitiesArgs(
            Optional<String> emulatorbin,
            Optional<String> arch,
            Optional<String> machine,
            Optional<String> virttype,
            int flags) {}

    public record GetDomainCapabilitiesRet(String capabilities) {}

    public record GetCpuModelNamesArgs(String arch, int needResults, int flags) {}

    public record GetCpuModelNamesRet(@Max(8192) List<String> models, int ret) {}

    public record CompareCpuArgs(String xml, int flags) {}

    public record CompareCpuRet(int result) {}

    public record BaselineCpuArgs(@Max(256) List<String> xmlCPUs, int flags) {}

    public record BaselineCpuRet(String cpu) {}

    public record CompareHypervisorCpuArgs(
            Optional<String> emulator,
            Optional<String> arch,
            Optional<String> machine,
            Optional<String> virttype,
            String xmlCPU,
            int flags) {}

    public record CompareHypervisorCpuRet(int result) {}

    public record BaselineHypervisorCpuArgs(
            Optional<String> emulator,
            Optional<String> arch,
            Optional<String> machine,
            Optional<String> virttype,
            @Max(256) List<String> xmlCPUs,
            int flags) {}

    public record BaselineHypervisorCpuRet(String cpu) {}

    // Statistics.
    public record GetAllDomainStatsArgs(@Max(16384) List<RemoteDomain> doms, int stats, int flags) {}

    public record GetAllDomainStatsRet(@Max(16384) List<Domain.StatsRecord> retStats) {}

    // Node devices.
    public record ListAllNodeDevicesArgs(int needResults, int flags) {}

    public record ListAllNodeDevicesRet(@Max(65536) List<RemoteNodeDevice> devices, int ret) {}

    public record NodeDeviceEventRegisterAnyArgs(int eventID, Optional<RemoteNodeDevice> dev) {}

    public record NodeDeviceEventRegisterAnyRet(int callbackID) {}

    public record NodeDeviceEventDeregisterAnyArgs(int callbackID) {}

    // Secrets.
    public record NumOfSecretsRet(int num) {}

    public record ListSecretsArgs(int maxuuids) {}

    public record ListSecretsRet(@Max(Secret.LIST_MAX) List<String> uuids) {}

    public record ListAllSecretsArgs(int needResults, int flags) {}

    public record ListAllSecretsRet(@Max(Secret.LIST_MAX) List<Types.RemoteSecret> secrets, int ret) {}

    public record SecretEventRegisterAnyArgs(int eventID, Optional<Types.RemoteSecret> secret) {}

    public record SecretEventRegisterAnyRet(int callbackID) {}

    public record SecretEventDeregisterAnyArgs(int callbackID) {}
}
