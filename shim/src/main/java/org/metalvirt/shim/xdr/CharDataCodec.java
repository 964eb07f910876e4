package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;

/**
 * {@code char x<N>} of bytes: a count, then each byte as a four-byte word. rpcgen's
 * {@code xdr_char} sign-extends when it writes; a reader keeps the low eight bits.
 */
record CharDataCodec(int max) implements Codec<byte[]> {
    @Override
    public void encode(byte[] value, ByteBuf out) {
        Codecs.checkEncodeBound(value.length, max, "char array");
        out.writeInt(value.length);
        for (byte b : value) {
            out.writeInt(b);
        }
    }

    @Override
    public byte[] decode(ByteBuf in) {
        int count = Codecs.readCount(in, max, Codecs.UNIT, "char array");
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
            bytes[i] = (byte) in.readInt();
        }
        return bytes;
    }
}
