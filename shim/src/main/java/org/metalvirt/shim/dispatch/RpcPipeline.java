package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.metalvirt.shim.wire.PacketDecoder;
import org.metalvirt.shim.wire.PacketEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of every accepted connection: TLS where the listener has it, framing,
 * keepalive, dispatch. One instance per listening socket, since each socket fixes the transport,
 * whether it is read-only, what authentication it asks and the connections it may hold.
 */
public final class RpcPipeline extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcPipeline.class);
    static final String FRAMES = "frames";
    /** Flushes a read may hold back before it writes them anyway (Netty's default is 256). */
    private static final int MAX_DEFERRED_FLUSHES = 64;

    private final Programs programs;
    private final Workers workers;
    private final DispatchLimits limits;
    private final WireStats stats;
    private final ServerClients clients;
    private final ClientSlots slots;
    private final Listener listener;
    private final Predicate<Optional<Peer>> admits;

    /** A listener without authentication or TLS, admitting every peer. */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ServerClients clients,
            Transport transport,
            boolean readOnlySocket) {
        this(
                programs,
                workers,
                limits,
                stats,
                clients,
                new ClientSlots(limits),
                Listener.plain(transport, readOnlySocket, ListenerAuth.NONE),
                peer -> true);
    }

    /**
     * @param clients the server the connections belong to, shared by every listening socket of
     *                that server (what the admin program lists and bounds)
     * @param slots   the connections this socket may hold, opened or not; each socket has its own
     * @param admits  which peers may connect at all (the admin socket's rule)
     */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ServerClients clients,
            ClientSlots slots,
            Listener listener,
            Predicate<Optional<Peer>> admits) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.clients = clients;
        this.slots = slots;
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
        ClientSlots.Slot slot = slots.take(channel.parent());
        if (slot == null) {
            refused(channel, "refusing {} on {}: {} clients, {} of them not open", slots.clients(), slots.anonymous());
            return;
        }
        // A client that never opens (idle, or sending one byte a second) is closed: it holds no slot for long.
        ScheduledFuture<?> authTimeout = channel.eventLoop()
                .schedule(
                        () -> {
                            if (slot.anonymous()) {
                                stats.countAuthTimeout();
                                ClientWarnings.SHARED.warn(
                                        LOG,
                                        "closing {}: not open after {} s",
                                        channel.remoteAddress(),
                                        limits.authTimeoutSeconds());
                                channel.close();
                            }
                        },
                        limits.authTimeoutSeconds(),
                        TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> {
            authTimeout.cancel(false);
            slot.release();
        });
        Keepalive keepalive = new Keepalive(limits, stats);
        Session session = new Session(channel, listener, keepalive::start);
        session.onOpen(slot::opened);
        peer.ifPresent(p -> session.identity("pid=" + p.pid() + " uid=" + p.uid() + " gid=" + p.gid()));
        if (clients.admit(listener.transport(), String.valueOf(channel.remoteAddress()), peer, session)
                .isEmpty()) {
            refused(
                    channel,
                    "refusing {} on {}: the {} server already has {} clients",
                    clients.name(),
                    clients.limits().max());
            return;
        }
        stats.metrics().connected(listener.transport().name(), listener.readOnlySocket());
        channel.closeFuture()
                .addListener(closed ->
                        stats.metrics().disconnected(listener.transport().name(), listener.readOnlySocket()));
        // Replies written while a read is being handled (calls answered on the I/O thread, errors)
        // go out together at the read's end: one write for all the calls that read brought, not one
        // each. Outside a read (a worker's reply, an event, a ping) a flush is immediate. The
        // order of the bytes is the order of the writes.
        Runnable rpc = () -> channel.pipeline()
                .addLast("flushes", new FlushConsolidationHandler(MAX_DEFERRED_FLUSHES, false))
                .addLast(FRAMES, new PacketDecoder(session::isOpen))
                .addLast("packets", PacketEncoder.INSTANCE)
                .addLast("keepalive", keepalive)
                .addLast("dispatch", new Dispatcher(programs, workers, limits, stats, session, channel));
        if (listener.tls().isPresent()) {
            // No RPC is read before the client's certificate passed and the 0x01 byte went out.
            // The open timeout above bounds the handshake too (a client stopping mid-handshake holds its slot
            // authTimeoutSeconds, no more): Netty's own 10 s handshake timer is off, one limit rules.
            SslHandler ssl = new SslHandler(listener.tls().get().newEngine());
            ssl.setHandshakeTimeoutMillis(0);
            channel.pipeline()
                    .addLast("tls", ssl)
                    .addLast("tls-confirm", new TlsConfirmation(listener.tls().get(), session, rpc));
        } else {
            rpc.run();
        }
        LOG.debug("accepted {}", session);
    }

    private void refused(Channel channel, String format, Object first, Object second) {
        stats.countRefused();
        stats.metrics().refused(listener.transport().name());
        ClientWarnings.SHARED.warn(LOG, format, channel.remoteAddress(), channel.localAddress(), first, second);
        channel.close();
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
