package org.metalvirt.shim.dispatch;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import org.metalvirt.shim.security.ServerTls;
import org.metalvirt.shim.security.ServerTls.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirtd's step after the TLS handshake: the client's certificate is checked, then one byte 0x01
 * tells the client it was accepted, and only then is RPC read. A refused client is closed without
 * that byte (its virsh says "Unable to read TLS confirmation"); nothing tells it which check failed.
 * What refused clients did is logged through {@link ClientWarnings}: a flood of them cannot flood the log.
 */
final class TlsConfirmation extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsConfirmation.class);
    private static final byte CONFIRMED = 1;

    private final ServerTls tls;
    private final Session session;
    private final Runnable startRpc;

    TlsConfirmation(ServerTls tls, Session session, Runnable startRpc) {
        this.tls = tls;
        this.session = session;
        this.startRpc = startRpc;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (!(event instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(event);
            return;
        }
        if (!done.isSuccess()) {
            if (done.cause() instanceof ClosedChannelException) {
                // Closed by the daemon (the open timeout, which logged why) or by the client: nothing to add.
                LOG.debug(
                        "TLS handshake with {} ended: the connection closed",
                        ctx.channel().remoteAddress());
            } else {
                ClientWarnings.SHARED.warn(
                        LOG,
                        "TLS handshake with {} failed: {}",
                        ctx.channel().remoteAddress(),
                        done.cause().toString());
            }
            ctx.close();
            return;
        }
        Verdict verdict =
                tls.check(ctx.pipeline().get(SslHandler.class).engine().getSession());
        if (verdict instanceof Verdict.Refused refused) {
            ClientWarnings.SHARED.warn(
                    LOG, "Certificate check failed for {}: {}", ctx.channel().remoteAddress(), refused.reason());
            // Without TLS's close_notify, as libvirtd closes: the client reports an I/O error, not a bad reply.
            ctx.pipeline().remove(SslHandler.class);
            ctx.close();
            return;
        }
        ((Verdict.Accepted) verdict).dn().ifPresent(dn -> session.identity("dn=" + dn));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {CONFIRMED}));
        ctx.pipeline().remove(this);
        startRpc.run();
    }

    /** A client that speaks before it was confirmed breaks the protocol. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ClientWarnings.SHARED.warn(LOG, "closing {}: data before the TLS confirmation", session);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // The failed handshake's event, which follows, is what is logged.
        LOG.debug("closing {} during the TLS handshake: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
