package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** {@code char x<N>}: a count, then the text's chars and a NUL, four bytes each. */
record VarCharsCodec(int max) implements Codec<String> {
    @Override
    public void encode(String value, ByteBuf out) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Codecs.checkEncodeBound(bytes.length + 1, max, "char array");
        out.writeInt(bytes.length + 1);
        for (byte b : bytes) {
            out.writeInt(b);
        }
        out.writeInt(0);
    }

    @Override
    public String decode(ByteBuf in) {
        int count = Codecs.readCount(in, max, Codecs.UNIT, "char array");
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) in.readInt();
        }
        return Codecs.cString(bytes, count);
    }
}
