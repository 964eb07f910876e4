package org.metalvirt.shim.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.metalvirt.shim.protocol.Procedure;
import org.metalvirt.shim.protocol.Program;
import org.metalvirt.shim.wire.Header;
import org.metalvirt.shim.wire.MessageStatus;
import org.metalvirt.shim.wire.MessageType;
import org.metalvirt.shim.wire.Packet;
import org.metalvirt.shim.xdr.Xdr;

/** Builds and reads raw libvirt packets for tests, the way a client would put them on the wire. */
public final class Wire {

    private Wire() {}

    /** A CALL of a REMOTE procedure, fully framed. */
    public static <A> ByteBuf call(Procedure<A, ?> procedure, int serial, A args) {
        return frame(
                new Header(
                        Program.REMOTE.id(),
                        Program.REMOTE.version(),
                        procedure.number(),
                        MessageType.CALL,
                        serial,
                        MessageStatus.OK),
                Xdr.encode(procedure.args(), args));
    }

    /** A CALL with any header values and a raw payload, fully framed. */
    public static ByteBuf frame(Header header, byte[] payload) {
        ByteBuf out = Unpooled.buffer();
        out.writeInt(Packet.MIN_LENGTH + payload.length);
        out.writeInt(header.prog());
        out.writeInt(header.vers());
        out.writeInt(header.proc());
        out.writeInt(header.type().value());
        out.writeInt(header.serial());
        out.writeInt(header.status().value());
        out.writeBytes(payload);
        return out;
    }

    /** Parses one framed packet, as the client's decoder would. */
    public static Packet parse(ByteBuf framed) {
        try {
            int length = framed.readInt();
            Header header = new Header(
                    framed.readInt(),
                    framed.readInt(),
                    framed.readInt(),
                    MessageType.values()[framed.readInt()],
                    framed.readInt(),
                    MessageStatus.values()[framed.readInt()]);
            byte[] payload = new byte[length - Packet.MIN_LENGTH];
            framed.readBytes(payload);
            return new Packet(header, payload);
        } finally {
            framed.release();
        }
    }

    public static byte[] bytes(ByteBuf buffer) {
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.getBytes(buffer.readerIndex(), bytes);
        return bytes;
    }

    /** A golden packet captured from real traffic: the hex lines of {@code golden/NAME}, comments skipped. */
    public static byte[] golden(String name) {
        try (InputStream in = Wire.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden packet " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.startsWith("#")) {
                    hex.append(line.replace(" ", "").strip());
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
