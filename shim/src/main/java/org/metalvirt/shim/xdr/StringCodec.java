package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** {@code string<N>}: a byte count, UTF-8 bytes, padding. */
record StringCodec(int max) implements Codec<String> {
    @Override
    public void encode(String value, ByteBuf out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Codecs.checkEncodeBound(bytes.length, max, "string");
        out.writeInt(bytes.length);
        out.writeBytes(bytes);
        out.writeZero(Codecs.padding(bytes.length));
    }

    @Override
    public String decode(ByteBuf in) {
        int length = Codecs.readCount(in, max, 1, "string");
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        String value = Codecs.utf8(bytes, 0, length);
        in.skipBytes(Codecs.padding(length));
        return value;
    }
}
