package org.metalvirt.shim.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes a {@link Packet}: length word, header, payload. Stateless, so one instance serves all. */
@Sharable
public final class PacketEncoder extends MessageToByteEncoder<Packet> {

    public static final PacketEncoder INSTANCE = new PacketEncoder();

    private PacketEncoder() {}

    /** The frame's own size: Netty's default (256 bytes, then doubled) copied larger replies as they grew. */
    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Packet packet, boolean preferDirect) {
        return preferDirect
                ? ctx.alloc().ioBuffer(packet.length())
                : ctx.alloc().heapBuffer(packet.length());
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, ByteBuf out) {
        Header header = packet.header();
        out.writeInt(packet.length());
        out.writeInt(header.prog());
        out.writeInt(header.vers());
        out.writeInt(header.proc());
        out.writeInt(header.type().value());
        out.writeInt(header.serial());
        out.writeInt(header.status().value());
        out.writeBytes(packet.payload());
    }
}
