package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.metalvirt.shim.wire.PacketDecoder;
import org.metalvirt.shim.wire.PacketEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of every accepted connection: TLS and its confirmation byte on a TLS
 * listener, then framing, keepalive, dispatch. One instance per listening socket, since each
 * socket fixes the transport, whether it is read-only and what authentication it asks for.
 */
public final class RpcPipeline extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcPipeline.class);
    static final String FRAMES = "frames";

    private final Programs programs;
    private final Workers workers;
    private final DispatchLimits limits;
    private final WireStats stats;
    private final ServerClients clients;
    private final Listener listener;
    private final Predicate<Optional<Peer>> admits;

    /** A listener without authentication or TLS. */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ServerClients clients,
            Transport transport,
            boolean readOnlySocket) {
        this(programs, workers, limits, stats, clients, Listener.plain(transport, readOnlySocket, ListenerAuth.NONE));
    }

    /** A listener with its authentication rules, admitting every peer. */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ServerClients clients,
            Listener listener) {
        this(programs, workers, limits, stats, clients, listener, peer -> true);
    }

    /**
     * @param clients the server the connections belong to, shared by every listening socket of
     *                that server so that its maximum bounds them all
     */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ServerClients clients,
            Listener listener,
            Predicate<Optional<Peer>> admits) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.clients = clients;
        this.listener = listener;
        this.admits = admits;
    }

    @Override
    protected void initChannel(Channel channel) {
        Optional<Peer> peer = peer(channel);
        if (!admits.test(peer)) {
            LOG.warn(
                    "refusing {} on the {} server: uid {} may not use it",
                    channel.remoteAddress(),
                    clients.name(),
                    peer.map(p -> String.valueOf(p.uid())).orElse("unknown"));
            channel.close();
            return;
        }
        Keepalive keepalive = new Keepalive(limits, stats);
        Session session = new Session(channel, listener, keepalive::start);
        peer.ifPresent(p -> session.identity("pid=" + p.pid() + " uid=" + p.uid() + " gid=" + p.gid()));
        String address = String.valueOf(channel.remoteAddress());
        if (clients.admit(listener.transport(), address, peer, session).isEmpty()) {
            stats.metrics().refused(listener.transport().name());
            LOG.warn(
                    "refusing {}: the {} server already has {} clients",
                    address,
                    clients.name(),
                    clients.limits().max());
            channel.close();
            return;
        }
        stats.metrics().connected(listener.transport().name(), listener.readOnlySocket());
        channel.closeFuture()
                .addListener(closed ->
                        stats.metrics().disconnected(listener.transport().name(), listener.readOnlySocket()));
        Runnable rpc = () -> channel.pipeline()
                .addLast(FRAMES, new PacketDecoder())
                .addLast("packets", PacketEncoder.INSTANCE)
                .addLast("keepalive", keepalive)
                .addLast("dispatch", new Dispatcher(programs, workers, limits, stats, session, channel));
        if (listener.tls().isPresent()) {
            // No RPC is read before the client's certificate passed and the 0x01 byte went out.
            channel.pipeline()
                    .addLast("tls", new SslHandler(listener.tls().get().newEngine()))
                    .addLast("tls-confirm", new TlsConfirmation(listener.tls().get(), session, rpc));
        } else {
            rpc.run();
        }
        LOG.debug("accepted {}", session);
    }

    /** The kernel's word on who connected to a Unix socket; empty for TCP or when it cannot be read. */
    private static Optional<Peer> peer(Channel channel) {
        if (channel instanceof EpollDomainSocketChannel unix) {
            try {
                PeerCredentials credentials = unix.peerCredentials();
                int[] gids = credentials.gids();
                return Optional.of(new Peer(credentials.uid(), gids.length > 0 ? gids[0] : -1, credentials.pid()));
            } catch (IOException e) {
                LOG.debug("cannot read the credentials of {}: {}", channel.remoteAddress(), e.toString());
            }
        }
        return Optional.empty();
    }
}
