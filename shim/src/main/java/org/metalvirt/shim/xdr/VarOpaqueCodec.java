package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;

/** {@code opaque<N>}: a byte count, the bytes, padding. */
record VarOpaqueCodec(int max) implements Codec<byte[]> {
    @Override
    public void encode(byte[] value, ByteBuf out) {
        Codecs.checkEncodeBound(value.length, max, "opaque");
        out.writeInt(value.length);
        out.writeBytes(value);
        out.writeZero(Codecs.padding(value.length));
    }

    @Override
    public byte[] decode(ByteBuf in) {
        byte[] value = new byte[Codecs.readCount(in, max, 1, "opaque")];
        in.readBytes(value);
        in.skipBytes(Codecs.padding(value.length));
        return value;
    }
}
