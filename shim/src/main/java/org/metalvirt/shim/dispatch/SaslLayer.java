package org.metalvirt.shim.dispatch;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToByteEncoder;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslException;
import javax.security.sasl.SaslServer;

/**
 * A SASL security layer on the byte stream, as cyrus frames it: every write is one or more
 * {@code [4-byte length][wrapped bytes]} frames, and the reader unwraps frames back into a stream in
 * which packet boundaries are independent of frame boundaries. It starts right after the final
 * SASL reply, which itself goes out in clear.
 */
public final class SaslLayer {

    /** A client frame may not exceed what the server offered (maxbuf 65536) plus the layer's overhead. */
    private static final int MAX_FRAME = 65536 + 64;

    private SaslLayer() {}

    /** Puts the layer under the RPC framing of {@code session}'s connection. */
    public static void install(Session session, SaslServer server) {
        int rawSendSize = Integer.parseInt((String) server.getNegotiatedProperty(Sasl.RAW_SEND_SIZE));
        session.addBeforeFraming("sasl-in", new Unwrap(server));
        session.addBeforeFraming("sasl-out", new Wrap(server, rawSendSize));
    }

    private static final class Unwrap extends LengthFieldBasedFrameDecoder {
        private final SaslServer server;

        Unwrap(SaslServer server) {
            super(MAX_FRAME + 4, 0, 4, 0, 4);
            this.server = server;
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            ByteBuf frame = (ByteBuf) super.decode(ctx, in);
            if (frame == null) {
                return null;
            }
            try {
                byte[] bytes = ByteBufUtil.getBytes(frame);
                return Unpooled.wrappedBuffer(server.unwrap(bytes, 0, bytes.length));
            } finally {
                frame.release();
            }
        }
    }

    private static final class Wrap extends MessageToByteEncoder<ByteBuf> {
        private final SaslServer server;
        private final int chunk;

        Wrap(SaslServer server, int chunk) {
            this.server = server;
            this.chunk = chunk;
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, ByteBuf out) throws SaslException {
            while (msg.isReadable()) {
                byte[] raw = new byte[Math.min(chunk, msg.readableBytes())];
                msg.readBytes(raw);
                byte[] wrapped = server.wrap(raw, 0, raw.length);
                out.writeInt(wrapped.length);
                out.writeBytes(wrapped);
            }
        }
    }
}
