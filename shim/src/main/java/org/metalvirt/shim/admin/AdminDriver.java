package org.metalvirt.shim.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.metalvirt.shim.admin.AdminServers.Server;
import org.metalvirt.shim.dispatch.Client;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Peer;
import org.metalvirt.shim.dispatch.ServerClients;
import org.metalvirt.shim.dispatch.Transport;
import org.metalvirt.shim.dispatch.Workers;
import org.metalvirt.shim.protocol.Admin;
import org.metalvirt.shim.protocol.AdminProcedures;
import org.metalvirt.shim.protocol.Types.BooleanValue;
import org.metalvirt.shim.protocol.Types.IntValue;
import org.metalvirt.shim.protocol.Types.StringValue;
import org.metalvirt.shim.protocol.Types.TypedParam;

/**
 * libvirt's admin program served as libvirtd serves it ({@code admin_server.c}): the servers,
 * their worker pools, clients and client limits, the logging settings and the idle timeout.
 * Only the admin socket carries it, and only root (or the daemon's own user) reaches that.
 */
public final class AdminDriver {

    /** libvirt 9.0.0, the protocol level metalvirt implements, as every connection reports it. */
    static final long LIB_VERSION = 9_000_000L;

    private static final List<String> THREADPOOL = List.of("minWorkers", "maxWorkers", "prioWorkers");
    private static final List<String> CLIENT_LIMITS = List.of("nclients_max", "nclients_unauth_max");

    private AdminDriver() {}

    /**
     * @param tlsReload reads the TLS listener's files again, as {@code virNetServerUpdateTlsFiles}
     *                  (libvirt's error when there is no TLS listener)
     */
    public static DriverTable table(AdminServers servers, LogSettings log, IdleShutdown idle, Runnable tlsReload) {
        return new DriverTable(AdminProcedures.TABLE)
                .bind(AdminProcedures.CONNECT_OPEN, (session, args) -> {
                    session.open(() -> false);
                    return null;
                })
                .bind(AdminProcedures.CONNECT_CLOSE, (session, args) -> null)
                .bind(AdminProcedures.SERVER_UPDATE_TLS_FILES, (session, args) -> {
                    // Only the libvirtd server has a TLS listener; the admin server never has one.
                    if (servers.lookup(args.srv().name()) != servers.libvirtd()) {
                        throw AdminServers.noTls();
                    }
                    tlsReload.run();
                    return null;
                })
                .bind(
                        AdminProcedures.CONNECT_GET_LIB_VERSION,
                        (session, args) -> new Admin.ConnectGetLibVersionRet(LIB_VERSION))
                .bind(AdminProcedures.CONNECT_LIST_SERVERS, (session, args) -> {
                    List<Admin.Server> all = servers.all().stream()
                            .map(server -> new Admin.Server(server.name()))
                            .toList();
                    return new Admin.ConnectListServersRet(args.needResults() != 0 ? all : List.of(), all.size());
                })
                .bind(
                        AdminProcedures.CONNECT_LOOKUP_SERVER,
                        (session, args) -> new Admin.ConnectLookupServerRet(
                                new Admin.Server(servers.lookup(args.name()).name())))
                .bind(
                        AdminProcedures.SERVER_GET_THREADPOOL_PARAMETERS,
                        (session, args) -> new Admin.ServerGetThreadpoolParametersRet(
                                threadpool(servers.lookup(args.srv().name()).workers())))
                .bind(AdminProcedures.SERVER_SET_THREADPOOL_PARAMETERS, (session, args) -> {
                    Server server = servers.lookup(args.srv().name());
                    Map<String, Long> values = AdminParams.unsignedInts(args.params(), THREADPOOL);
                    server.workers()
                            .set(
                                    values.getOrDefault("minWorkers", -1L),
                                    values.getOrDefault("maxWorkers", -1L),
                                    values.getOrDefault("prioWorkers", -1L));
                    return null;
                })
                .bind(AdminProcedures.SERVER_LIST_CLIENTS, (session, args) -> {
                    Server server = servers.lookup(args.srv().name());
                    List<Admin.Client> clients = server.clients().list().stream()
                            .map(client -> wire(server, client))
                            .toList();
                    return new Admin.ServerListClientsRet(
                            args.needResults() != 0 ? clients : List.of(), clients.size());
                })
                .bind(AdminProcedures.SERVER_LOOKUP_CLIENT, (session, args) -> {
                    Server server = servers.lookup(args.srv().name());
                    return new Admin.ServerLookupClientRet(
                            wire(server, server.clients().lookup(args.id())));
                })
                .bind(AdminProcedures.CLIENT_GET_INFO, (session, args) -> {
                    Server server = servers.lookup(args.clnt().srv().name());
                    return new Admin.ClientGetInfoRet(
                            info(server.clients().lookup(args.clnt().id())));
                })
                .bind(AdminProcedures.CLIENT_CLOSE, (session, args) -> {
                    Server server = servers.lookup(args.clnt().srv().name());
                    server.clients().lookup(args.clnt().id()).disconnect();
                    return null;
                })
                .bind(AdminProcedures.SERVER_GET_CLIENT_LIMITS, (session, args) -> {
                    ServerClients.Limits limits =
                            servers.lookup(args.srv().name()).clients().limits();
                    return new Admin.ServerGetClientLimitsRet(List.of(
                            AdminParams.uint("nclients_max", limits.max()),
                            AdminParams.uint("nclients", limits.current()),
                            AdminParams.uint("nclients_unauth_max", limits.unauthMax()),
                            AdminParams.uint("nclients_unauth", limits.unauthCurrent())));
                })
                .bind(AdminProcedures.SERVER_SET_CLIENT_LIMITS, (session, args) -> {
                    Server server = servers.lookup(args.srv().name());
                    Map<String, Long> values = AdminParams.unsignedInts(args.params(), CLIENT_LIMITS);
                    server.clients()
                            .setLimits(
                                    values.getOrDefault("nclients_max", -1L),
                                    values.getOrDefault("nclients_unauth_max", -1L));
                    return null;
                })
                .bind(AdminProcedures.CONNECT_GET_LOGGING_OUTPUTS, (session, args) -> {
                    LogSettings.Listing outputs = log.outputs();
                    return new Admin.ConnectGetLoggingOutputsRet(outputs.text(), outputs.count());
                })
                .bind(AdminProcedures.CONNECT_GET_LOGGING_FILTERS, (session, args) -> {
                    LogSettings.Listing filters = log.filters();
                    return new Admin.ConnectGetLoggingFiltersRet(
                            filters.count() == 0 ? Optional.empty() : Optional.of(filters.text()), filters.count());
                })
                .bind(AdminProcedures.CONNECT_SET_LOGGING_OUTPUTS, (session, args) -> {
                    log.setOutputs(args.outputs());
                    return null;
                })
                .bind(AdminProcedures.CONNECT_SET_LOGGING_FILTERS, (session, args) -> {
                    log.setFilters(args.filters());
                    return null;
                })
                .bind(AdminProcedures.CONNECT_SET_DAEMON_TIMEOUT, (session, args) -> {
                    idle.set(args.timeout());
                    return null;
                });
    }

    private static List<TypedParam> threadpool(Workers workers) {
        Workers.Parameters pool = workers.parameters();
        return List.of(
                AdminParams.uint("minWorkers", pool.minWorkers()),
                AdminParams.uint("maxWorkers", pool.maxWorkers()),
                AdminParams.uint("nWorkers", pool.nWorkers()),
                AdminParams.uint("freeWorkers", pool.freeWorkers()),
                AdminParams.uint("prioWorkers", pool.prioWorkers()),
                AdminParams.uint("jobQueueDepth", pool.jobQueueDepth()));
    }

    /** libvirt's transport numbers: UNIX 0, TCP 1 (TLS 2 is not offered). */
    private static Admin.Client wire(Server server, Client client) {
        return new Admin.Client(
                new Admin.Server(server.name()),
                client.id(),
                client.timestamp(),
                client.transport() == Transport.UNIX ? 0 : 1);
    }

    /** As libvirt's {@code adminClientGetInfo}: a local client's identity, a remote one's address. */
    private static List<TypedParam> info(Client client) {
        List<TypedParam> params = new ArrayList<>();
        params.add(new TypedParam("readonly", new BooleanValue(client.session().readOnly() ? 1 : 0)));
        if (client.transport() != Transport.UNIX) {
            params.add(new TypedParam("sock_addr", new StringValue(address(client.address()))));
            return params;
        }
        if (client.peer().isPresent()) {
            Peer peer = client.peer().get();
            params.add(new TypedParam("unix_user_id", new IntValue(peer.uid())));
            UnixNames.user(peer.uid())
                    .ifPresent(name -> params.add(new TypedParam("unix_user_name", new StringValue(name))));
            params.add(new TypedParam("unix_group_id", new IntValue(peer.gid())));
            UnixNames.group(peer.gid())
                    .ifPresent(name -> params.add(new TypedParam("unix_group_name", new StringValue(name))));
            params.add(new TypedParam("unix_process_id", new IntValue(peer.pid())));
        }
        return params;
    }

    /** {@code 127.0.0.1:39018}, as libvirt writes a peer's address. */
    private static String address(String socketAddress) {
        return socketAddress.startsWith("/") ? socketAddress.substring(1) : socketAddress;
    }
}
