package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import org.metalvirt.shim.protocol.Types.AuthType;
import org.metalvirt.shim.protocol.Types.RemoteDomain;
import org.metalvirt.shim.xdr.Max;

/** Args and ret records of the connection-level procedures, fields in XDR order. */
public final class Connect {

    private Connect() {
    }

    public record AuthListRet(@Max(20) List<AuthType> types) {
    }

    public record OpenArgs(Optional<String> name, int flags) {
    }

    public record SupportsFeatureArgs(int feature) {
    }

    public record SupportsFeatureRet(int supported) {
    }

    public record GetTypeRet(String type) {
    }

    public record GetVersionRet(long hvVer) {
    }

    public record GetLibVersionRet(long libVer) {
    }

    public record GetHostnameRet(String hostname) {
    }

    public record GetUriRet(String uri) {
    }

    public record GetCapabilitiesRet(String capabilities) {
    }

    public record GetSysinfoArgs(int flags) {
    }

    public record GetSysinfoRet(String sysinfo) {
    }

    public record GetMaxVcpusArgs(Optional<String> type) {
    }

    public record GetMaxVcpusRet(int maxVcpus) {
    }

    public record IsSecureRet(int secure) {
    }

    public record ListAllDomainsArgs(int needResults, int flags) {
    }

    public record ListAllDomainsRet(@Max(16384) List<RemoteDomain> domains, int ret) {
    }
}
