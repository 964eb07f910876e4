package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;
import org.metalvirt.shim.wire.PacketDecoder;
import org.metalvirt.shim.wire.PacketEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of every accepted connection: framing, keepalive, dispatch. One instance
 * per listening socket, since each socket fixes the transport and whether it is read-only.
 */
public final class RpcPipeline extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(RpcPipeline.class);

    private final Programs programs;
    private final Workers workers;
    private final DispatchLimits limits;
    private final WireStats stats;
    private final ServerClients clients;
    private final Transport transport;
    private final boolean readOnlySocket;
    private final Predicate<Optional<Peer>> admits;

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
            Transport transport,
            boolean readOnlySocket) {
        this(programs, workers, limits, stats, clients, transport, readOnlySocket, peer -> true);
    }

    /** As above, admitting only the peers {@code admits} accepts (the admin socket's rule). */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ServerClients clients,
            Transport transport,
            boolean readOnlySocket,
            Predicate<Optional<Peer>> admits) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.clients = clients;
        this.transport = transport;
        this.readOnlySocket = readOnlySocket;
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
        Session session = new Session(channel, transport, readOnlySocket, keepalive::start);
        String address = String.valueOf(channel.remoteAddress());
        if (clients.admit(transport, address, peer, session).isEmpty()) {
            LOG.warn(
                    "refusing {}: the {} server already has {} clients",
                    address,
                    clients.name(),
                    clients.limits().max());
            channel.close();
            return;
        }
        channel.pipeline()
                .addLast("frames", new PacketDecoder())
                .addLast("packets", PacketEncoder.INSTANCE)
                .addLast("keepalive", keepalive)
                .addLast("dispatch", new Dispatcher(programs, workers, limits, stats, session, channel));
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
