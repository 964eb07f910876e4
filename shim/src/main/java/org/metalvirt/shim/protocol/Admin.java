package org.metalvirt.shim.protocol;

import java.util.List;
import java.util.Optional;
import org.metalvirt.shim.protocol.Types.TypedParam;
import org.metalvirt.shim.xdr.Max;

/**
 * Records of libvirt's admin program ({@code admin_protocol.x}), fields in XDR order, each named
 * after its struct without the {@code admin_} prefix: {@code Admin.ConnectOpenArgs} is
 * {@code admin_connect_open_args}. Typed parameters have the REMOTE program's layout.
 */
public final class Admin {

    private Admin() {}

    /** {@code admin_nonnull_server}: a server is known by its name. */
    public record Server(String name) {}

    /** {@code admin_nonnull_client}; transport is libvirt's UNIX 0, TCP 1, TLS 2. */
    public record Client(Server srv, long id, long timestamp, int transport) {}

    public record ConnectOpenArgs(int flags) {}

    public record ConnectGetLibVersionRet(long libVer) {}

    public record ConnectListServersArgs(int needResults, int flags) {}

    public record ConnectListServersRet(@Max(16384) List<Server> servers, int ret) {}

    public record ConnectLookupServerArgs(String name, int flags) {}

    public record ConnectLookupServerRet(Server srv) {}

    public record ServerGetThreadpoolParametersArgs(Server srv, int flags) {}

    public record ServerGetThreadpoolParametersRet(@Max(32) List<TypedParam> params) {}

    public record ServerSetThreadpoolParametersArgs(
            Server srv, @Max(32) List<TypedParam> params, int flags) {}

    public record ServerListClientsArgs(Server srv, int needResults, int flags) {}

    public record ServerListClientsRet(@Max(16384) List<Client> clients, int ret) {}

    public record ServerLookupClientArgs(Server srv, long id, int flags) {}

    public record ServerLookupClientRet(Client clnt) {}

    public record ClientGetInfoArgs(Client clnt, int flags) {}

    public record ClientGetInfoRet(@Max(64) List<TypedParam> params) {}

    public record ClientCloseArgs(Client clnt, int flags) {}

    public record ServerGetClientLimitsArgs(Server srv, int flags) {}

    public record ServerGetClientLimitsRet(@Max(32) List<TypedParam> params) {}

    public record ServerSetClientLimitsArgs(
            Server srv, @Max(32) List<TypedParam> params, int flags) {}

    public record ConnectGetLoggingOutputsArgs(int flags) {}

    public record ConnectGetLoggingOutputsRet(String outputs, int noutputs) {}

    public record ConnectGetLoggingFiltersArgs(int flags) {}

    public record ConnectGetLoggingFiltersRet(Optional<String> filters, int nfilters) {}

    public record ConnectSetLoggingOutputsArgs(Optional<String> outputs, int flags) {}

    public record ConnectSetLoggingFiltersArgs(Optional<String> filters, int flags) {}

    public record ServerUpdateTlsFilesArgs(Server srv, int flags) {}

    public record ConnectSetDaemonTimeoutArgs(int timeout, int flags) {}
}
