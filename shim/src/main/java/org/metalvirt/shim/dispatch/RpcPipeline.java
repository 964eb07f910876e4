package org.metalvirt.shim.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
    private final ClientSlots slots;
    private final Transport transport;
    private final boolean readOnlySocket;

    /**
     * @param slots the connections this socket may hold; each listening socket has its own
     */
    public RpcPipeline(
            Programs programs,
            Workers workers,
            DispatchLimits limits,
            WireStats stats,
            ClientSlots slots,
            Transport transport,
            boolean readOnlySocket) {
        this.programs = programs;
        this.workers = workers;
        this.limits = limits;
        this.stats = stats;
        this.slots = slots;
        this.transport = transport;
        this.readOnlySocket = readOnlySocket;
    }

    @Override
    protected void initChannel(Channel channel) {
        ClientSlots.Slot slot = slots.take(channel.parent());
        if (slot == null) {
            stats.countRefused();
            ClientWarnings.SHARED.warn(
                    LOG,
                    "refusing {} on {}: {} clients, {} of them not open",
                    channel.remoteAddress(),
                    channel.localAddress(),
                    slots.clients(),
                    slots.anonymous());
            channel.close();
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
        Session session = new Session(channel, transport, readOnlySocket, keepalive::start);
        session.onOpen(slot::opened);
        channel.pipeline()
                .addLast("frames", new PacketDecoder(session::isOpen))
                .addLast("packets", PacketEncoder.INSTANCE)
                .addLast("keepalive", keepalive)
                .addLast("dispatch", new Dispatcher(programs, workers, limits, stats, session, channel));
        LOG.debug("accepted {}", session);
    }
}
