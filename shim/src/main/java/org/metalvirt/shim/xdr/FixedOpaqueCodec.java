package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;

/** {@code opaque[N]}: exactly N bytes, padding. */
record FixedOpaqueCodec(int length) implements Codec<byte[]> {
    @Override
    public void encode(byte[] value, ByteBuf out) {
        if (value.length != length) {
            throw Xdr.malformed("opaque[" + length + "] given " + value.length + " bytes");
        }
        out.writeBytes(value);
        out.writeZero(Codecs.padding(length));
    }

    @Override
    public byte[] decode(ByteBuf in) {
        byte[] value = new byte[length];
        in.readBytes(value);
        in.skipBytes(Codecs.padding(length));
        return value;
    }
}
