package org.metalvirt.shim.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.metalvirt.error.ErrorDomain;
import org.metalvirt.error.ErrorNumber;
import org.metalvirt.error.VirtException;
import org.metalvirt.io.PrivateDirectories;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.shim.admin.AdminDriver;
import org.metalvirt.shim.admin.AdminServers;
import org.metalvirt.shim.admin.IdleShutdown;
import org.metalvirt.shim.admin.LogSettings;
import org.metalvirt.shim.admin.MetalvirtDriver;
import org.metalvirt.shim.dispatch.ClientSlots;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Listener;
import org.metalvirt.shim.dispatch.ListenerAuth;
import org.metalvirt.shim.dispatch.Programs;
import org.metalvirt.shim.dispatch.RpcPipeline;
import org.metalvirt.shim.dispatch.ServerClients;
import org.metalvirt.shim.dispatch.Transport;
import org.metalvirt.shim.dispatch.WireStats;
import org.metalvirt.shim.dispatch.Workers;
import org.metalvirt.shim.domain.DefineWarmUp;
import org.metalvirt.shim.domain.DomainRecord;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.domain.NodePool;
import org.metalvirt.shim.event.EventBus;
import org.metalvirt.shim.event.SecretEvents;
import org.metalvirt.shim.metrics.Metrics;
import org.metalvirt.shim.metrics.MetricsEndpoint;
import org.metalvirt.shim.network.NetworkService;
import org.metalvirt.shim.nodedev.NodeDeviceWatch;
import org.metalvirt.shim.protocol.ProcedureTable;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.remote.Host;
import org.metalvirt.shim.remote.NodeDevices;
import org.metalvirt.shim.remote.RemoteDriver;
import org.metalvirt.shim.secret.CredentialedStorage;
import org.metalvirt.shim.secret.SecretService;
import org.metalvirt.shim.security.SaslAuthenticator;
import org.metalvirt.shim.security.ServerTls;
import org.metalvirt.shim.security.TlsSetupException;
import org.metalvirt.shim.storage.StorageService;
import org.metalvirt.storage.PoolDrivers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running daemon: its listening sockets, I/O threads and workers. Start it, read where it
 * listens, close it. Linux only: Unix sockets need Netty's native epoll transport.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    /** After listening: past a first client's opening calls, well before a define usually comes. */
    private static final long WARM_UP_DELAY_MILLIS = 500;

    private final DaemonSettings settings;
    /**
     * The sockets' I/O: framing and TLS only, the handlers run on the workers, so two threads keep
     * up with any card (Netty's default, twice the cores, idles on a rack controller); they accept too.
     */
    private final EventLoopGroup io =
            new EpollEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()));

    private final Workers workers;
    /** The admin server's own pool, as libvirtd's (1 to 5 workers), so the admin socket answers while every normal worker is busy. */
    private final Workers adminWorkers = Workers.admin(1, 5, 1);

    private final long startedMillis = System.currentTimeMillis();
    private final CompletableFuture<Void> idleTimeout = new CompletableFuture<>();
    private volatile long lastPoll;
    private IdleShutdown idle;
    /** Counted only when {@code /metrics} serves them. */
    private final Metrics metrics;

    private final WireStats stats;
    private MetricsEndpoint metricsEndpoint;
    private final List<Channel> listeners = new ArrayList<>();
    private DomainService domains;
    /** The remote program's handlers: areas no call has needed yet are bound once the daemon settles. */
    private DriverTable remote;

    private EventBus events;
    private NodeDeviceWatch nodeDevices;
    private InetSocketAddress tcpAddress;
    private InetSocketAddress tlsAddress;
    private ServerTls tls;

    private final PoolDrivers pools;
    private StorageService storage;
    private SecretService secrets;
    private NetworkService networks;

    private Daemon(DaemonSettings settings, PoolDrivers pools) {
        this.settings = settings;
        this.pools = pools;
        this.metrics = settings.metrics().isPresent() ? Metrics.counting() : Metrics.off();
        this.stats = new WireStats(metrics);
        this.workers = new Workers(
                settings.workers(),
                settings.priorityWorkers(),
                settings.limits().maxCallsInFlight());
    }

    /** A daemon whose storage pools are served by the card's drivers, reading secrets from its own store. */
    public static Daemon start(DaemonSettings settings) {
        return start(settings, null);
    }

    /** A daemon whose storage pools are served by {@code pools} (tests give drivers over a fake command runner). */
    public static Daemon start(DaemonSettings settings, PoolDrivers pools) {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("Netty's epoll transport is unavailable here", Epoll.unavailabilityCause());
        }
        Daemon daemon = new Daemon(settings, pools);
        try {
            daemon.listen();
        } catch (RuntimeException e) {
            daemon.close();
            throw e;
        }
        // The first define's one-time work, and the binding of the handler areas no call has needed
        // yet, wait until the first clients have opened: run while a client opens, they took a card's
        // one CPU from that client's calls (testbeds/bench/README.md). A call that needs an area
        // before then has it bound on a worker (the domain area's ~20 ms), never on an I/O thread.
        daemon.io.schedule(daemon::settle, WARM_UP_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        return daemon;
    }

    private void settle() {
        domains.prepareJournal();
        Thread thread = new Thread(
                () -> {
                    DefineWarmUp.run();
                    remote.bindPending();
                },
                "metalvirt-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void listen() {
        SecuritySettings security = settings.security();
        // Bad TLS material stops the daemon before it listens anywhere, as libvirtd's does.
        tls = security.tlsFiles().map(ServerTls::load).orElse(null);
        try {
            PrivateDirectories.create(settings.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.stateDir(), e);
        }
        Host host = new Host(settings.hostname(), settings.nodes());
        events = new EventBus(settings.limits().maxQueuedEvents(), metrics);
        secrets = SecretService.open(settings.stateDir(), settings.domains().lockTimeout(), new SecretEvents(events));
        // The card's disks read their <auth> secrets' values through this seam, and only they do.
        // Their power is counted at this seam too.
        List<NodeDriver> nodes = settings.nodes().stream()
                .map(node -> CredentialedStorage.of(node, secrets))
                .map(node -> metrics.metered(node, settings.backends().getOrDefault(node.name(), "unknown")))
                .toList();
        storage = StorageService.open(
                pools != null ? pools : StorageService.cardDrivers(secrets), settings.stateDir(), events::publish);
        networks = NetworkService.open(
                settings.nodes(),
                settings.stateDir(),
                settings.runtimeDir(),
                settings.networkSeeds(),
                events::publish,
                settings.domains().lockTimeout());
        domains = DomainService.open(
                new NodePool(nodes),
                settings.stateDir(),
                settings.runtimeDir(),
                settings.domains(),
                events,
                networks,
                storage::diskSource);
        // The card gets no uevent for the server's functions: their node devices are compared at every poll.
        nodeDevices = new NodeDeviceWatch(new NodeDevices(host, domains)::all, events::publish);
        domains.onPoll(nodeDevices::check);
        AdminServers servers = new AdminServers(
                new AdminServers.Server(AdminServers.ADMIN, new ServerClients(AdminServers.ADMIN, 5, 5), adminWorkers),
                new AdminServers.Server(
                        AdminServers.LIBVIRTD,
                        new ServerClients(
                                AdminServers.LIBVIRTD,
                                settings.limits().maxClients(),
                                settings.limits().maxAnonymousClients()),
                        workers));
        ServerClients clients = servers.libvirtd().clients();
        domains.onPoll(() -> lastPoll = System.currentTimeMillis());
        idle = new IdleShutdown(
                () -> clients.limits().current() == 0 && domains.list().stream().noneMatch(DomainRecord::active),
                () -> idleTimeout.complete(null));
        LogSettings log = new LogSettings();
        DomainService domainService = domains;
        Programs admin = new Programs()
                .serve(Program.ADMIN, AdminDriver.table(servers, log, idle, this::updateTlsFiles))
                .serve(
                        Program.METALVIRT,
                        MetalvirtDriver.table(
                                settings.nodes(),
                                settings.backends(),
                                () -> domainService,
                                () -> lastPoll,
                                servers,
                                log,
                                startedMillis));
        Programs programs = new Programs()
                .serve(
                        Program.REMOTE,
                        RemoteDriver.withSasl(
                                remote = RemoteDriver.table(host, domains, networks, secrets, storage, events),
                                new SaslAuthenticator(security.sasl())))
                // Clients register these programs on every connection; nothing is served on them yet.
                .serve(Program.QEMU, new DriverTable(ProcedureTable.empty()))
                .serve(Program.LXC, new DriverTable(ProcedureTable.empty()));

        Function<Listener, RpcPipeline> pipeline = listener -> new RpcPipeline(
                programs,
                workers,
                settings.limits(),
                stats,
                clients,
                new ClientSlots(settings.limits()),
                listener,
                peer -> true);
        settings.tcp().ifPresent(address -> {
            Channel channel = bind(
                    EpollServerSocketChannel.class,
                    address,
                    pipeline.apply(Listener.plain(Transport.TCP, false, security.tcpAuth())));
            tcpAddress = (InetSocketAddress) channel.localAddress();
        });
        security.tls().ifPresent(address -> {
            Channel channel = bind(
                    EpollServerSocketChannel.class,
                    address,
                    pipeline.apply(new Listener(Transport.TLS, false, security.tlsAuth(), Optional.of(tls))));
            tlsAddress = (InetSocketAddress) channel.localAddress();
        });
        UnixSockets unix = new UnixSockets(security.unixGroup());
        unix.bind(
                settings.unixSocket(),
                settings.readOnlySocket(),
                address -> bind(
                        EpollServerDomainSocketChannel.class,
                        address,
                        pipeline.apply(Listener.plain(Transport.UNIX, false, security.unixRwAuth()))),
                address -> bind(
                        EpollServerDomainSocketChannel.class,
                        address,
                        pipeline.apply(Listener.plain(Transport.UNIX, true, security.unixRoAuth()))));
        // Root's, or the daemon's own user's, as libvirtd's admin socket: the kernel says who connected.
        int ownUid = ownUid();
        unix.bindAdmin(
                settings.adminSocket(),
                address -> bind(
                        EpollServerDomainSocketChannel.class,
                        address,
                        new RpcPipeline(
                                admin,
                                adminWorkers,
                                settings.limits(),
                                stats,
                                servers.all().get(0).clients(),
                                new ClientSlots(settings.limits()),
                                Listener.plain(Transport.UNIX, false, ListenerAuth.NONE),
                                peer -> peer.isPresent()
                                        && (peer.get().uid() == 0 || peer.get().uid() == ownUid))));
        settings.metrics().ifPresent(address -> {
            metricsEndpoint = MetricsEndpoint.start(address, metrics);
            LOG.info(
                    "metrics on http://{}:{}/metrics",
                    metricsEndpoint.address().getHostString(),
                    metricsEndpoint.address().getPort());
        });
        LOG.info(
                "metalvirtd listening on {}{}unix {} (read-only {}, admin {}), {} node(s), state in {}",
                tcpAddress()
                        .map(a -> "tcp " + a.getHostString() + ":" + a.getPort() + ", ")
                        .orElse(""),
                tlsAddress()
                        .map(a -> "tls " + a.getHostString() + ":" + a.getPort() + ", ")
                        .orElse(""),
                settings.unixSocket(),
                settings.readOnlySocket(),
                settings.adminSocket(),
                settings.nodes().size(),
                settings.stateDir());
    }

    private Channel bind(
            Class<? extends io.netty.channel.ServerChannel> type,
            java.net.SocketAddress address,
            RpcPipeline pipeline) {
        Channel channel = new ServerBootstrap()
                .group(io)
                .channel(type)
                .childHandler(pipeline)
                .bind(address)
                .syncUninterruptibly()
                .channel();
        listeners.add(channel);
        return channel;
    }

    /** The uid this process runs as: the owner of {@code /proc/self}. */
    private static int ownUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell the daemon's own uid", e);
        }
    }

    /** Where TLS clients connect, with the port actually bound. */
    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tlsAddress);
    }

    /**
     * Reads the TLS files again: new connections use them, open ones keep theirs. On failure the
     * old ones stay and the error says why. SIGHUP calls it, and the admin path will.
     */
    public void reloadTls() {
        if (tls == null) {
            throw new TlsSetupException("no TLS listener is configured");
        }
        tls.reload();
    }

    /** virt-admin's srv-update-tls: as SIGHUP, but a bad set of files is the caller's error. */
    private void updateTlsFiles() {
        if (tls == null) {
            throw AdminServers.noTls();
        }
        try {
            tls.reload();
        } catch (TlsSetupException e) {
            throw new VirtException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC, e.getMessage());
        }
    }

    /** Where TCP clients connect, with the port actually bound. */
    public Optional<InetSocketAddress> tcpAddress() {
        return Optional.ofNullable(tcpAddress);
    }

    public Path unixSocket() {
        return settings.unixSocket();
    }

    public Path readOnlySocket() {
        return settings.readOnlySocket();
    }

    public Path adminSocket() {
        return settings.adminSocket();
    }

    /** Completes when the idle timeout an operator set ({@code virt-admin daemon-timeout}) has run out. */
    public CompletableFuture<Void> idleTimeout() {
        return idleTimeout;
    }

    /** A node this daemon manages, by name. */
    public NodeDriver node(String name) {
        return settings.nodes().stream()
                .filter(node -> node.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + name));
    }

    public EventBus events() {
        return events;
    }

    /** What publishes node-device events; {@link NodeDeviceWatch#check} compares the devices now. */
    public NodeDeviceWatch nodeDevices() {
        return nodeDevices;
    }

    public DomainService domains() {
        return domains;
    }

    public StorageService storage() {
        return storage;
    }

    public WireStats stats() {
        return stats;
    }

    /** Where the Prometheus endpoint listens, with the port actually bound; empty when it is off. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsEndpoint).map(MetricsEndpoint::address);
    }

    @Override
    public void close() {
        if (metricsEndpoint != null) {
            metricsEndpoint.close();
        }
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.close();
        adminWorkers.close();
        if (idle != null) {
            idle.close();
        }
        if (domains != null) {
            domains.close();
        }
        // Their changes are durable already; closing writes their journals out into the files.
        if (networks != null) {
            networks.close();
        }
        if (storage != null) {
            storage.close();
        }
        if (secrets != null) {
            secrets.close();
        }
        if (events != null) {
            events.close();
        }
        settings.nodes().forEach(NodeDriver::close);
        for (Path socket : List.of(settings.unixSocket(), settings.readOnlySocket(), settings.adminSocket())) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", socket, e.toString());
            }
        }
    }
}
