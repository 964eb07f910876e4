package org.metalvirt.shim.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;

/**
 * Splits the byte stream into {@link Packet}s. Netty's frame decoder cuts the frames: a 4-byte
 * big-endian length that counts itself, between {@link Packet#MIN_LENGTH} (the header alone) and
 * {@link Packet#MAX_LENGTH} (libvirt's largest message); this class reads the 24-byte header and
 * the payload of each. A length out of bounds or a header with an unknown type or status fails the
 * connection: after that, every byte that follows is suspect, so the decoder discards the rest of
 * the stream and the pipeline closes the channel.
 */
public final class PacketDecoder extends LengthFieldBasedFrameDecoder {

    /**
     * The largest packet of a client that has not opened a connection: what comes before
     * {@code CONNECT_OPEN} (authentication, a URI) is small, and an anonymous client may not make
     * the daemon buffer 32 MiB for it.
     */
    public static final int MAX_ANONYMOUS_LENGTH = 256 * 1024;

    private final BooleanSupplier open;
    private boolean failed;

    /** A decoder that allows libvirt's largest packet at all times. */
    public PacketDecoder() {
        this(() -> true);
    }

    /** @param open whether the client has opened a connection, which allows packets past {@link #MAX_ANONYMOUS_LENGTH} */
    public PacketDecoder(BooleanSupplier open) {
        // The frame is the length word and as many bytes again as it counts, minus itself.
        super(Packet.MAX_LENGTH, 0, Packet.LENGTH_WORD, -Packet.LENGTH_WORD, 0, true);
        this.open = open;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        ByteBuf frame = (ByteBuf) super.decode(ctx, in);
        if (frame == null) {
            return null;
        }
        try {
            frame.skipBytes(Packet.LENGTH_WORD);
            int prog = frame.readInt();
            int vers = frame.readInt();
            int proc = frame.readInt();
            int type = frame.readInt();
            int serial = frame.readInt();
            int status = frame.readInt();
            byte[] payload = new byte[frame.readableBytes()];
            frame.readBytes(payload);
            try {
                return new Packet(
                        new Header(prog, vers, proc, MessageType.of(type), serial, MessageStatus.of(status)), payload);
            } catch (IllegalArgumentException e) {
                throw fail(in, e.getMessage());
            }
        } finally {
            frame.release();
        }
    }

    /** Refuses a length outside libvirt's bounds before Netty waits for that many bytes. */
    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long frameLength = buf.getUnsignedInt(offset);
        if (frameLength < Packet.MIN_LENGTH || frameLength > Packet.MAX_LENGTH) {
            throw fail(
                    buf,
                    "packet length " + frameLength + " outside [" + Packet.MIN_LENGTH + ", " + Packet.MAX_LENGTH + "]");
        }
        if (frameLength > MAX_ANONYMOUS_LENGTH && !open.getAsBoolean()) {
            throw fail(buf, "packet length " + frameLength + " before the connection is open");
        }
        return frameLength;
    }

    private MalformedPacketException fail(ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new MalformedPacketException(reason);
    }
}
