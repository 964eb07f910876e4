package org.metalvirt.shim.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into {@link Packet}s: a length word that counts itself, the 24-byte
 * header, the payload. A length outside [28, 32 MiB + 4] or a header with an unknown type or
 * status fails the connection: after that, every byte that follows is suspect, so the decoder
 * discards the rest of the stream and the pipeline closes the channel.
 */
public final class PacketDecoder extends ByteToMessageDecoder {

    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Packet.LENGTH_WORD) {
            return;
        }
        int start = in.readerIndex();
        long length = in.getUnsignedInt(start);
        if (length < Packet.MIN_LENGTH || length > Packet.MAX_LENGTH) {
            throw fail(in, "packet length " + length + " outside [" + Packet.MIN_LENGTH + ", "
                    + Packet.MAX_LENGTH + "]");
        }
        if (in.readableBytes() < length) {
            return;
        }
        in.skipBytes(Packet.LENGTH_WORD);
        int prog = in.readInt();
        int vers = in.readInt();
        int proc = in.readInt();
        int type = in.readInt();
        int serial = in.readInt();
        int status = in.readInt();
        byte[] payload = new byte[(int) length - Packet.MIN_LENGTH];
        in.readBytes(payload);
        Header header;
        try {
            header = new Header(prog, vers, proc, MessageType.of(type), serial, MessageStatus.of(status));
        } catch (IllegalArgumentException e) {
            throw fail(in, e.getMessage());
        }
        out.add(new Packet(header, payload));
    }

    private MalformedPacketException fail(ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new MalformedPacketException(reason);
    }
}
