package org.metalvirt.shim.xdr;

import io.netty.buffer.ByteBuf;

/** Encodes and decodes one XDR type. Derived once per Java type by {@link Xdr} and cached. */
interface Codec<T> {

    void encode(T value, ByteBuf out);

    T decode(ByteBuf in);
}
