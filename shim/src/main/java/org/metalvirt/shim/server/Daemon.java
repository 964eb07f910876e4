package org.metalvirt.shim.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.metalvirt.io.PrivateDirectories;
import org.metalvirt.node.NodeDriver;
import org.metalvirt.shim.dispatch.ClientSlots;
import org.metalvirt.shim.dispatch.DriverTable;
import org.metalvirt.shim.dispatch.Programs;
import org.metalvirt.shim.dispatch.RpcPipeline;
import org.metalvirt.shim.dispatch.Transport;
import org.metalvirt.shim.dispatch.WireStats;
import org.metalvirt.shim.dispatch.Workers;
import org.metalvirt.shim.domain.DomainService;
import org.metalvirt.shim.domain.NodePool;
import org.metalvirt.shim.event.EventBus;
import org.metalvirt.shim.event.SecretEvents;
import org.metalvirt.shim.network.NetworkService;
import org.metalvirt.shim.nodedev.NodeDeviceWatch;
import org.metalvirt.shim.protocol.ProcedureTable;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.remote.Host;
import org.metalvirt.shim.remote.NodeDevices;
import org.metalvirt.shim.remote.RemoteDriver;
import org.metalvirt.shim.secret.CredentialedStorage;
import org.metalvirt.shim.secret.SecretService;
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

    private final DaemonSettings settings;
    private final EventLoopGroup boss = new EpollEventLoopGroup(1);
    private final EventLoopGroup io = new EpollEventLoopGroup();
    private final Workers workers;
    private final WireStats stats = new WireStats();
    private final List<Channel> listeners = new ArrayList<>();
    private DomainService domains;
    private EventBus events;
    private NodeDeviceWatch nodeDevices;
    private InetSocketAddress tcpAddress;

    private final PoolDrivers pools;
    private StorageService storage;

    private Daemon(DaemonSettings settings, PoolDrivers pools) {
        this.settings = settings;
        this.pools = pools;
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
        return daemon;
    }

    private void listen() {
        try {
            PrivateDirectories.create(settings.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.stateDir(), e);
        }
        Host host = new Host(settings.hostname(), settings.nodes());
        events = new EventBus(settings.limits().maxQueuedEvents());
        SecretService secrets =
                SecretService.open(settings.stateDir(), settings.domains().lockTimeout(), new SecretEvents(events));
        // The card's disks read their <auth> secrets' values through this seam, and only they do.
        List<NodeDriver> nodes = settings.nodes().stream()
                .map(node -> CredentialedStorage.of(node, secrets))
                .toList();
        storage = StorageService.open(
                pools != null ? pools : StorageService.cardDrivers(secrets), settings.stateDir(), events::publish);
        NetworkService networks = NetworkService.open(
                settings.nodes(),
                settings.stateDir(),
                settings.networkSeeds(),
                events::publish,
                settings.domains().lockTimeout());
        domains = DomainService.open(
                new NodePool(nodes), settings.stateDir(), settings.domains(), events, networks, storage::diskSource);
        // The card gets no uevent for the server's functions: their node devices are compared at every poll.
        nodeDevices = new NodeDeviceWatch(new NodeDevices(host, domains)::all, events::publish);
        domains.onPoll(nodeDevices::check);
        Programs programs = new Programs()
                .serve(Program.REMOTE, RemoteDriver.table(host, domains, networks, secrets, storage, events))
                // Clients register these programs on every connection; nothing is served on them yet.
                .serve(Program.QEMU, new DriverTable(ProcedureTable.empty()))
                .serve(Program.LXC, new DriverTable(ProcedureTable.empty()));

        settings.tcp().ifPresent(address -> {
            Channel channel = bind(
                    EpollServerSocketChannel.class,
                    address,
                    new RpcPipeline(
                            programs,
                            workers,
                            settings.limits(),
                            stats,
                            new ClientSlots(settings.limits()),
                            Transport.TCP,
                            false));
            tcpAddress = (InetSocketAddress) channel.localAddress();
        });
        bindUnix(
                settings.unixSocket(),
                "rwx------",
                new RpcPipeline(
                        programs,
                        workers,
                        settings.limits(),
                        stats,
                        new ClientSlots(settings.limits()),
                        Transport.UNIX,
                        false));
        bindUnix(
                settings.readOnlySocket(),
                "rwxrwxrwx",
                new RpcPipeline(
                        programs,
                        workers,
                        settings.limits(),
                        stats,
                        new ClientSlots(settings.limits()),
                        Transport.UNIX,
                        true));
        LOG.info(
                "metalvirtd listening on {}unix {} (read-only {}), {} node(s), state in {}",
                tcpAddress()
                        .map(a -> "tcp " + a.getHostString() + ":" + a.getPort() + ", ")
                        .orElse(""),
                settings.unixSocket(),
                settings.readOnlySocket(),
                settings.nodes().size(),
                settings.stateDir());
    }

    private Channel bind(
            Class<? extends io.netty.channel.ServerChannel> type,
            java.net.SocketAddress address,
            RpcPipeline pipeline) {
        Channel channel = new ServerBootstrap()
                .group(boss, io)
                .channel(type)
                .childHandler(pipeline)
                .bind(address)
                .syncUninterruptibly()
                .channel();
        listeners.add(channel);
        return channel;
    }

    private void bindUnix(Path socket, String permissions, RpcPipeline pipeline) {
        createDirectory(socket.getParent());
        removeStaleSocket(socket);
        bind(EpollServerDomainSocketChannel.class, new DomainSocketAddress(socket.toFile()), pipeline);
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set permissions of " + socket, e);
        }
    }

    /** A socket file left by a daemon that died is removed; one that answers means we are not alone. */
    private static void removeStaleSocket(Path socket) {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IllegalStateException("another daemon is listening on " + socket);
        } catch (IOException refused) {
            try {
                Files.delete(socket);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove stale socket " + socket, e);
            }
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
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

    @Override
    public void close() {
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        io.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        workers.close();
        if (domains != null) {
            domains.close();
        }
        if (events != null) {
            events.close();
        }
        settings.nodes().forEach(NodeDriver::close);
        for (Path socket : List.of(settings.unixSocket(), settings.readOnlySocket())) {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", socket, e.toString());
            }
        }
    }
}
