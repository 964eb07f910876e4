package org.metalvirt.shim.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Splits the byte stream into {@link Packet}s: a 4-byte big-endian length that counts itself,
 * between {@link Packet#MIN_LENGTH} (the header alone) and {@link Packet#MAX_LENGTH} (libvirt's
 * largest message), the 24-byte header and the payload. The header and payload are read straight
 * from the received bytes once the whole frame is there (no slice of it is made: a call is a few
 * dozen bytes, and the slice's bookkeeping cost more than the copy). A length out of bounds or a
 * header with an unknown type or status fails the connection: after that, every byte that follows
 * is suspect, so the decoder discards the rest of the stream and the pipeline closes the channel.
 */
public final class PacketDecoder extends ByteToMessageDecoder {

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
        this.open = open;
    }

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
        long length = checked(in, in.getUnsignedInt(start));
        if (in.readableBytes() < length) {
            return;
        }
        int prog = in.getInt(start + 4);
        int vers = in.getInt(start + 8);
        int proc = in.getInt(start + 12);
        int type = in.getInt(start + 16);
        int serial = in.getInt(start + 20);
        int status = in.getInt(start + 24);
        byte[] payload = new byte[(int) length - Packet.MIN_LENGTH];
        in.getBytes(start + Packet.MIN_LENGTH, payload);
        in.skipBytes((int) length);
        try {
            out.add(new Packet(
                    new Header(prog, vers, proc, MessageType.of(type), serial, MessageStatus.of(status)), payload));
        } catch (IllegalArgumentException e) {
            throw fail(in, e.getMessage());
        }
    }

    /** Refuses a length outside libvirt's bounds before waiting for that many bytes. */
    private long checked(ByteBuf in, long frameLength) {
        if (frameLength < Packet.MIN_LENGTH || frameLength > Packet.MAX_LENGTH) {
            throw fail(
                    in,
                    "packet length " + frameLength + " outside [" + Packet.MIN_LENGTH + ", " + Packet.MAX_LENGTH + "]");
        }
        if (frameLength > MAX_ANONYMOUS_LENGTH && !open.getAsBoolean()) {
            throw fail(in, "packet length " + frameLength + " before the connection is open");
        }
        return frameLength;
    }

    private MalformedPacketException fail(ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        return new MalformedPacketException(reason);
    }
}
