package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger clients;
    private final Listener listener;

    /** A listener without authentication or TLS. */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            AtomicInteger clients,
            Transport transport,
            boolean readOnlySocket) {
        this(programs, workers, limits, stats, clients, Listener.plain(transport, readOnlySocket, ListenerAuth.NONE));
    }

    /**
     * @param clients the count of open connections, shared by every listening socket of the
     *                daemon so that {@link DispatchLimits#maxClients()} bounds them all
     */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            AtomicInteger clients,
            Listener listener) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.clients = clients;
        this.listener = listener;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (clients.incrementAndGet() > limits.maxClients()) {
            clients.decrementAndGet();
            LOG.warn("refusing {}: already {} clients", channel.remoteAddress(), limits.maxClients());
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> clients.decrementAndGet());
        Keepalive keepalive = new Keepalive(limits, stats);
        Session session = new Session(channel, listener, keepalive::start);
        peerCredentials(channel, session);
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

    /** A local client's pid, uid and gid (SO_PEERCRED) name it in every log line about it. */
    private static void peerCredentials(Channel channel, Session session) {
        if (channel instanceof EpollDomainSocketChannel unix) {
            try {
                PeerCredentials peer = unix.peerCredentials();
                int[] gids = peer.gids();
                session.identity(
                        "pid=" + peer.pid() + " uid=" + peer.uid() + (gids.length > 0 ? " gid=" + gids[0] : ""));
            } catch (IOException e) {
                session.identity("peer credentials unknown");
            }
        }
    }
}
