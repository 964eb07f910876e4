package org.metalvirt.shim.dispatch;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.metalvirt.shim.protocol.KeepaliveProcedures;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's keepalive, on the I/O thread: answers every PING with a PONG, and — only once the
 * client has probed keepalive support, since a client without an event loop would drop the
 * connection on an unexpected PING — pings a client that has been silent for the interval,
 * closing it after {@code count} pings went unanswered. Any packet from the client counts as an
 * answer.
 */
final class Keepalive extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Keepalive.class);
    private static final byte[] EMPTY = new byte[0];

    private final DispatchLimits limits;
    private final WireStats stats;
    private ChannelHandlerContext context;
    private boolean started;
    private int unanswered;

    Keepalive(DispatchLimits limits, WireStats stats) {
        this.limits = limits;
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    /** Starts pinging; safe to call from any thread, and more than once. */
    void start() {
        context.executor().execute(() -> {
            if (started || context.isRemoved()) {
                return;
            }
            started = true;
            context.pipeline()
                    .addBefore(
                            context.name(),
                            "keepalive-idle",
                            new IdleStateHandler(limits.keepaliveIntervalSeconds(), 0, 0, TimeUnit.SECONDS));
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        unanswered = 0;
        if (msg instanceof Packet packet && packet.header().prog() == Program.KEEPALIVE.id()) {
            Header header = packet.header();
            if (header.type() == MessageType.MESSAGE && header.proc() == KeepaliveProcedures.PING) {
                ctx.writeAndFlush(message(KeepaliveProcedures.PONG));
            }
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (!(event instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            super.userEventTriggered(ctx, event);
            return;
        }
        if (unanswered >= limits.keepaliveCount()) {
            ClientWarnings.SHARED.warn(
                    LOG,
                    "closing {}: no answer to {} keepalive pings",
                    ctx.channel().remoteAddress(),
                    unanswered);
            stats.countKeepaliveTimeout();
            ctx.close();
            return;
        }
        unanswered++;
        ctx.writeAndFlush(message(KeepaliveProcedures.PING));
    }

    private static Packet message(int proc) {
        Program program = Program.KEEPALIVE;
        return new Packet(
                new Header(program.id(), program.version(), proc, MessageType.MESSAGE, 0, MessageStatus.OK), EMPTY);
    }
}
