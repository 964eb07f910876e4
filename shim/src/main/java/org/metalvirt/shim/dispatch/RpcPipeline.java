package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger clients;
    private final Transport transport;
    private final boolean readOnlySocket;

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
            Transport transport,
            boolean readOnlySocket) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.clients = clients;
        this.transport = transport;
        this.readOnlySocket = readOnlySocket;
    }

    @Override
    protected void initChannel(Channel channel) {
        if (clients.incrementAndGet() > limits.maxClients()) {
            clients.decrementAndGet();
            stats.metrics().refused(transport.name());
            LOG.warn("refusing {}: already {} clients", channel.remoteAddress(), limits.maxClients());
            channel.close();
            return;
        }
        stats.metrics().connected(transport.name(), readOnlySocket);
        channel.closeFuture().addListener(closed -> {
            clients.decrementAndGet();
            stats.metrics().disconnected(transport.name(), readOnlySocket);
        });
        Keepalive keepalive = new Keepalive(limits, stats);
        Session session = new Session(channel, transport, readOnlySocket, keepalive::start);
        channel.pipeline()
                .addLast("frames", new PacketDecoder())
                .addLast("packets", PacketEncoder.INSTANCE)
                .addLast("keepalive", keepalive)
                .addLast("dispatch", new Dispatcher(programs, workers, limits, stats, session, channel));
        LOG.debug("accepted {}", session);
    }
}
