package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** {@code char x[N]}: N four-byte chars, the text NUL-padded. */
record FixedCharsCodec(int length) implements Codec<String> {
    @Override
    public void encode(String value, ByteBuf out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Codecs.checkEncodeBound(bytes.length, length, "char array");
        for (int i = 0; i < length; i++) {
            out.writeInt(i < bytes.length ? bytes[i] : 0);
        }
    }

    @Override
    public String decode(ByteBuf in) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) in.readInt();
        }
        return Codecs.cString(bytes, length);
    }
}
